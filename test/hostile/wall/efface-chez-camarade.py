import os
from common import TARGETS

done = []
victim = os.path.join(TARGETS["class"], "z-victime", "1-meme-machine")
for f in ("client.py",):  # serveur.py is what lit-camarade reads
    try:
        os.remove(os.path.join(victim, f))
        done.append("DELETED " + f)
    except OSError as e:
        done.append("no %s (%s)" % (f, e.strerror))
raise RuntimeError("delete: %s" % done)
