import os
from common import TARGETS, try_write

raise RuntimeError("write: %s" % try_write(os.path.join(TARGETS["reference"], "tprc-pwned.txt")))
