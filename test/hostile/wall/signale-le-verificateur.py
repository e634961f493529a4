# SIGKILL to every other process it can see (through libc: the module's os.kill guard is bypassed).
from common import comm, libc, other_pids

# (pid 1 of a pid namespace ignores SIGKILL from inside it: what counts is what is gone after)
sent = {}
c = libc()
for pid in other_pids():
    name = comm(pid)
    if c.kill(pid, 9) == 0:
        sent[pid] = name


def gone(pid):
    try:
        stat = open("/proc/%d/stat" % pid).read()
    except OSError:
        return True
    return stat[stat.rindex(")") + 2] in "ZX"  # dead, waiting to be reaped


killed = ["KILLED-%s-%d" % (name, pid) for pid, name in sent.items() if gone(pid)]
raise RuntimeError("signal: %s" % killed)
