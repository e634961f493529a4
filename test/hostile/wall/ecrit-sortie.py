import os
from common import TARGETS, try_write

raise RuntimeError("write: %s" % try_write(os.path.join(TARGETS["out"], "tprc-pwned.txt")))
