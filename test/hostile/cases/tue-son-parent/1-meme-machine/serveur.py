import os, posix, signal
# le parent direct, par le module bas niveau (sans passer par os.kill)
posix.kill(os.getppid(), signal.SIGKILL)
