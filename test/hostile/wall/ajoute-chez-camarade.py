import os
from common import TARGETS, try_write

done = []
for root, dirs, files in os.walk(TARGETS["class"]):
    for f in files:
        if f == "serveur.py" and "z-victime" in root:
            done.append(try_write(os.path.join(root, f), "\nraise SystemExit(3)\n"))
raise RuntimeError("append: %s" % done)
