# shared by the attack programs (copied next to each serveur.py by the test)
import ctypes
import os

TARGETS = {}  # filled in by the test


def libc():
    return ctypes.CDLL(None, use_errno=True)


def other_pids():
    me = os.getpid()
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) != me]


def comm(pid):
    try:
        return open("/proc/%d/comm" % pid).read().strip()
    except OSError:
        return "?"


def try_write(path, text="pwned by a student\n", mode="a"):
    try:
        with open(path, mode) as f:
            f.write(text)
        return "WROTE " + path
    except OSError as e:
        return "no %s (%s)" % (path, e.strerror)
