import os
from common import TARGETS

try:
    text = open(os.path.join(TARGETS["class"], "z-victime", "1-meme-machine", "serveur.py")).read()
except OSError as e:
    text = "no (%s)" % e.strerror
raise RuntimeError("read: %s" % text.replace("\n", " | "))
