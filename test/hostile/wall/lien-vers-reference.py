# Replaces its own file by a symlink to the reference server, then waits in a second accept() on line 15:
# a checker that reads "the line where the program is blocked" from the file would quote reference/.
import os, socket
from common import TARGETS
here = os.path.abspath(__file__)
os.remove(here)
os.symlink(os.path.join(TARGETS["reference"], "1-meme-machine", "serveur.py"), here)
s = socket.socket()
s.bind(("127.0.0.1", 12345))
s.listen(5)
#
#
#
conn, addr = s.accept()
s.accept()  # line 15: waits for a second client that never comes
