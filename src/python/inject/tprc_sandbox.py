# tp-reseau-check: the filesystem and process wall around student programs (Linux, inside the
# namespaces of src/sandbox/netns.ts). Imported by the fork server only, never by a student's process.
#
# The fork server (process O, beside the checker) calls `start_wall()`: it forks process I, pid 1 of
# a new pid namespace, which builds a new root and then forks every student program:
#   - the root is an empty tmpfs, read-only once built, holding read-only binds of the system
#     (/usr, /bin, /lib*, /etc), of the interpreter's own folders and of a few devices;
#   - writable: the checker's work folder of this namespace (the scenario copies, where programs
#     run), /tmp and /home/eleve, all three in the namespace's size-limited tmpfs (the "area",
#     mounted by ns_init.py and emptied by the checker between two students);
#   - nothing else: the class folder, the other students, the output folder, reference/, the
#     checker's installation and the teacher's home are simply not in that root;
#   - /proc shows the new pid namespace only: the checker's processes cannot be seen, signalled or
#     traced; I is not dumpable (no ptrace, no /proc/1/mem) and ignores what a signal could end it by;
#   - then I enters a user namespace of its own (uid 1000 -> the checker's uid), which locks every
#     mount above (they cannot be undone from inside), and drops every capability for good.
# The same as bubblewrap does (bwrap is not installed everywhere and CI may only add Debian packages):
# unshare, mount and pivot_root through libc, since Python < 3.12 has no os.unshare.
import os

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT = 4, 24, 38, 47
PR_CAP_AMBIENT_CLEAR_ALL = 4

# The uid a student's program has (the checker's own uid, seen from inside its user namespace).
STUDENT_UID = 1000
HOME = "/home/eleve"
# Read-only system folders (absent ones skipped; a symlink such as /bin -> usr/bin is copied).
SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc")
DEVICES = ("null", "zero", "full", "random", "urandom")

_libc = None


def _c():
    global _libc
    if _libc is None:
        import ctypes
        _libc = ctypes.CDLL(None, use_errno=True)
    return _libc


def _check(ret, what):
    if ret != 0:
        import ctypes
        e = ctypes.get_errno()
        raise OSError(e, "%s: %s" % (what, os.strerror(e)))


def _mount(src, dst, fstype, flags, data=None):
    enc = lambda s: None if s is None else s.encode("utf-8", "surrogateescape")
    _check(_c().mount(enc(src), enc(dst), enc(fstype), flags, enc(data)), "mount %s" % dst)


def unshare(flags):
    _check(_c().unshare(flags), "unshare")


def setns(fd, nstype):
    _check(_c().setns(fd, nstype), "setns")


def area_paths(area):
    """The namespace's tmpfs (mounted by ns_init.py): work folder, /tmp, home, the new root's mount point."""
    return {k: os.path.join(area, k) for k in ("work", "tmp", "home", "root")}


def _bind(src, dst, writable):
    _mount(src, dst, None, MS_BIND)
    flags = MS_REMOUNT | MS_BIND | MS_NOSUID | MS_NODEV | (0 if writable else MS_RDONLY)
    _mount(None, dst, None, flags)


def _mkdirs(root, path):
    target = root + path
    os.makedirs(target, exist_ok=True)
    return target


def _interpreter_dirs():
    # What the interpreter needs to import the standard library and to start again (subprocess):
    # its prefixes, bound whole, unless they are / or a system folder bound anyway.
    import sys
    dirs = set()
    for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, getattr(sys, "base_exec_prefix", sys.exec_prefix),
              os.path.dirname(os.path.realpath(sys.executable)), os.path.dirname(os.path.abspath(sys.executable))):
        p = os.path.realpath(p) if p else ""
        if not p or p == "/" or any(p == s or p.startswith(s + "/") for s in SYSTEM):
            continue
        dirs.add(p)
    # a folder inside another one is covered by its bind
    return sorted(d for d in dirs if not any(d != o and d.startswith(o + "/") for o in dirs))


def build_root(area):
    """In process I (pid 1 of its pid namespace, root of the checker's user namespace): pivot into the wall."""
    paths = area_paths(area)
    root = paths["root"]
    for over in ("/tmp", HOME):
        if area == over or area.startswith(over + "/"):
            # the wall mounts over that folder: the work folder's mount point would be inside it
            raise OSError(22, "the namespace's area %s is under %s" % (area, over))
    unshare(CLONE_NEWNS)
    _mount(None, "/", None, MS_REC | MS_PRIVATE)  # nothing done here reaches the checker's view
    _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755")
    for s in SYSTEM:
        if os.path.islink(s):
            os.symlink(os.readlink(s), root + s)
        elif os.path.isdir(s):
            _bind(s, _mkdirs(root, s), False)
    for d in _interpreter_dirs():
        _bind(d, _mkdirs(root, d), False)
    dev = _mkdirs(root, "/dev")
    for name in DEVICES:
        if os.path.exists("/dev/" + name):
            open(os.path.join(dev, name), "w").close()
            _mount("/dev/" + name, os.path.join(dev, name), None, MS_BIND)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
                         ("stderr", "/proc/self/fd/2")):
        os.symlink(target, os.path.join(dev, name))
    _bind(paths["tmp"], _mkdirs(root, "/tmp"), True)
    _bind(paths["home"], _mkdirs(root, HOME), True)
    _bind(paths["work"], _mkdirs(root, paths["work"]), True)
    _mount("proc", _mkdirs(root, "/proc"), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    _mount(None, root, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    os.chdir(root)
    _check(_c().syscall(_SYS_PIVOT_ROOT, b".", b"."), "pivot_root")
    _check(_c().umount2(b".", MNT_DETACH), "umount old root")
    os.chdir("/")


def _write(path, text):
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode("ascii"))
    finally:
        os.close(fd)


def lock_and_drop():
    """Enter a user namespace of our own (the mounts above become locked) and drop every capability."""
    uid, gid = os.geteuid(), os.getegid()
    unshare(CLONE_NEWUSER | CLONE_NEWNS)
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", "%d %d 1\n" % (STUDENT_UID, uid))
    _write("/proc/self/gid_map", "%d %d 1\n" % (STUDENT_UID, gid))
    libc = _c()
    for cap in range(64):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            break  # past the last capability the kernel knows
    libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    import ctypes

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]

    header = Header(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (Data * 2)()
    _check(libc.capset(ctypes.byref(header), data), "capset")
    _check(libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "dumpable")


def child_side():
    """In a program forked by I: its own process again (ptrace by its own program is normal)."""
    _c().prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)


# The environment a student's program gets inside the wall (the checker's TMPDIR and HOME are not there).
ENV = {"HOME": HOME, "TMPDIR": "/tmp"}

_SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "riscv64": 41, "armv7l": 218, "armv6l": 218, "i686": 217,
                   "ppc64le": 203, "s390x": 217}.get(os.uname().machine, 155)
