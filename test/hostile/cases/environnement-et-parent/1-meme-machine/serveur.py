import os, signal
print(sorted(os.environ.items()))
os.killpg(os.getpgid(os.getppid()), signal.SIGKILL)
