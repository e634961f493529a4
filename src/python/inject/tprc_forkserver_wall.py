# tp-reseau-check: the fork server split in two around the wall of tprc_sandbox.py (Linux namespaces).
#
#   checker (node) ==requests, replies==> I (pid 1 of a new pid namespace, behind the wall) --fork--> programs
#                                         \--reference runs--> O (this process, the checker's side) --fork-->
#
# O starts I and then only serves what I hands back: the reference runs (trusted, and reference/
# must stay out of the programs' sight), forked here, outside the wall. I builds the wall and runs
# the ordinary serve loop (tprc_forkserver._serve) on the checker's pipes: a student run costs no
# extra hop. Its children's pids are numbers of its own pid namespace: I translates each into the
# checker's numbering right after the fork (before it can be reaped), through a descriptor of the
# checker's /proc opened before the wall (its children, and their NSpid). The descriptor never
# reaches a program (closed in the child; I is not dumpable, so /proc/1/fd is out of reach).
# If the wall cannot be built here, O says why on stderr and forks every run itself, as before
# (`check`), or refuses to serve (`grade`, TPRC_WALL_REQUIRED=1: every run fails rather than run
# unwalled).
import os
import signal
import sys

import tprc_sandbox as wall

_HERE = os.path.dirname(os.path.abspath(__file__))
_REFERENCE = tuple({os.path.join(p, "reference") + os.sep
                    for p in (os.path.normpath(os.path.join(_HERE, "..", "..", "..")),
                              os.path.realpath(os.path.join(_HERE, "..", "..", "..")))})


def serve(fs, area, before):
    """`before`: the modules imported before this one (the others are forgotten behind the wall)."""
    status_r, status_w = os.pipe()
    ref_r, ref_w = os.pipe()
    proc = os.open("/proc", os.O_RDONLY | os.O_DIRECTORY)  # the checker's /proc (pid translation)
    own_pidns = os.open("/proc/self/ns/pid", os.O_RDONLY)
    try:
        wall.unshare(wall.CLONE_NEWPID)
    except OSError as e:
        return _unwalled(fs, "pid namespace: %s" % e)
    pid = os.fork()
    if pid == 0:
        os.close(status_r)
        os.close(ref_r)
        os.close(own_pidns)
        _inner(fs, area, before, status_w, ref_w, proc)
    # O's next children (reference runs) are in the checker's pid namespace again
    wall.setns(own_pidns, wall.CLONE_NEWPID)
    for fd in (own_pidns, status_w, ref_w, proc):
        os.close(fd)
    first = _read_line(status_r)
    os.close(status_r)
    if first != "wall ok":
        os.waitpid(pid, 0)
        os.close(ref_r)
        return _unwalled(fs, first or "the wall process ended")
    # the checker's requests are I's from now on
    os.close(0)
    os.open(os.devnull, os.O_RDONLY)
    fs._reply("wall %d" % pid)
    _outer(fs, pid, ref_r)


def _unwalled(fs, why):
    if os.environ.get("TPRC_WALL_REQUIRED") == "1":
        # grading: no program runs unwalled where namespaces promised the wall (every run fails, saying why)
        sys.stderr.write("tp-reseau-check: cannot build the programs' filesystem wall: %s\n" % why)
        sys.exit(75)
    sys.stderr.write("tp-reseau-check: programs run without the filesystem wall: %s\n" % why)
    sys.stderr.flush()
    fs._serve()


def _read_line(fd):
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(fd, 1)
        if not chunk:
            break
        data += chunk
    return data.decode("utf-8", "replace").strip()


def _read_at(dir_fd, path):
    fd = os.open(path, os.O_RDONLY, dir_fd=dir_fd)
    try:
        return os.read(fd, 65536).decode("ascii", "replace")
    finally:
        os.close(fd)


def _translator(proc):
    """inner pid -> the checker's pid, for a child of this process not reaped yet."""
    me = os.readlink("self", dir_fd=proc)  # this process, numbered as the checker sees it
    children = "%s/task/%s/children" % (me, me)
    known = {}  # checker's pid -> inner pid, for the children seen so far

    def outer_pid(inner):
        live = set()
        for word in _read_at(proc, children).split():
            outer = int(word)
            live.add(outer)
            if outer not in known:
                try:
                    status = _read_at(proc, "%d/status" % outer)
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("NSpid:"):
                        known[outer] = int(line.split()[-1])
        for outer in list(known):
            if outer not in live:
                del known[outer]  # reaped: its number may come back
        for outer, pid in known.items():
            if pid == inner:
                return outer
        return inner  # not found (cannot happen before the reap): the checker's kill then misses

    return outer_pid


def _inner(fs, area, before, status_w, ref_w, proc):
    """Process I: build the wall, then serve the checker's requests (never returns)."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # pid 1: only a handled signal could reach it
        outer_pid = _translator(proc)
        wall.build_root(area)
        wall.lock_and_drop()
    except BaseException as e:
        fs._reply("wall-failed %s" % str(e).replace("\n", " "), status_w)
        os._exit(71)
    # what the wall imported (ctypes...) must not be found already imported by a student's program
    for name in set(sys.modules) - before:
        sys.modules.pop(name, None)
    fs._wall = wall
    fs._wall_fds = (ref_w, proc)
    fs._outer_pid = outer_pid

    def reference(path, frame):
        if not path.startswith(_REFERENCE):
            return False
        while frame:
            frame = frame[os.write(ref_w, frame):]
        return True

    fs._reference = reference
    fs._reply("wall ok", status_w)
    os.close(status_w)
    fs._serve()  # a program's child unwinds through here to the interpreter's normal exit
    os._exit(0)


def _outer(fs, inner, ref):
    """Process O: fork the reference runs I hands over, until I ends."""
    why = fs.serve_frames(ref, lambda fields, frame, wake: fs.fork_run(fields, wake + (ref,)), watch=inner)
    if why == "eof":
        os.waitpid(inner, 0)  # I is ending (it holds the pipe until then)
    # else I is gone (killed, or the checker closed its pipe): its runs went with it
