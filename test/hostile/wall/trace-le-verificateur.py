# ptrace (PTRACE_SEIZE) every other process it can see, and read its memory through /proc.
import ctypes
from common import comm, libc, other_pids

PTRACE_SEIZE, PTRACE_DETACH = 0x4206, 17
seized = []
c = libc()
c.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
for pid in other_pids():
    name = comm(pid)
    if c.ptrace(PTRACE_SEIZE, pid, None, None) == 0:
        seized.append("SEIZED-%s-%d" % (name, pid))
        c.ptrace(PTRACE_DETACH, pid, None, None)
    try:
        open("/proc/%d/mem" % pid, "rb").close()
        seized.append("MEM-%s-%d" % (name, pid))
    except OSError:
        pass
raise RuntimeError("ptrace: %s" % seized)
