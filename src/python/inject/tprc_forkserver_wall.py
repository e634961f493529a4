# tp-reseau-check: the fork server split in two around the wall of tprc_sandbox.py (Linux namespaces).
#
#   checker (node) --requests--> O (this process: the checker's side) --student runs--> I --fork--> programs
#                                  \--reference runs: forked here, outside the wall (trusted, and
#                                     reference/ must stay out of the programs' sight)
#
# I is pid 1 of a new pid namespace and builds the wall before it serves anything; it runs the
# ordinary serve loop (tprc_forkserver._serve) on a pipe from O. Its children's pids are numbers of
# that namespace: each child, before any of the student's code, sends its token on a datagram
# socket to O, and the kernel hands O the sender's pid as the checker sees it (SO_PASSCRED), which
# O replies instead. Everything else I replies (exits) goes through O unchanged. If the wall cannot
# be built here, O says why on stderr and forks every run itself, as before (`check`), or refuses
# to serve (`grade`, TPRC_WALL_REQUIRED=1: every run fails rather than run unwalled).
import os
import select
import signal
import socket
import struct
import sys

import tprc_sandbox as wall

_SCM_CREDENTIALS = getattr(socket, "SCM_CREDENTIALS", 2)
_SO_PASSCRED = getattr(socket, "SO_PASSCRED", 16)
_REFERENCE = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "reference"))


def _is_reference(path):
    return os.path.realpath(path).startswith(_REFERENCE + os.sep)


def serve(fs, area, before):
    """`before`: the modules imported before this one (the others are forgotten behind the wall)."""
    to_i_r, to_i_w = os.pipe()
    from_i_r, from_i_w = os.pipe()
    mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
    mine.setsockopt(socket.SOL_SOCKET, _SO_PASSCRED, 1)
    own_pidns = os.open("/proc/self/ns/pid", os.O_RDONLY)
    try:
        wall.unshare(wall.CLONE_NEWPID)
    except OSError as e:
        return _unwalled(fs, "pid namespace: %s" % e)
    pid = os.fork()
    if pid == 0:
        _inner(fs, area, before, (to_i_r, from_i_w, theirs), (to_i_w, from_i_r, mine, own_pidns))
    # O's next children (reference runs) are in the checker's pid namespace again
    wall.setns(own_pidns, wall.CLONE_NEWPID)
    os.close(own_pidns)
    os.close(to_i_r)
    os.close(from_i_w)
    theirs.close()
    first = _read_line(from_i_r)
    if first != "wall ok":
        os.waitpid(pid, 0)
        os.close(to_i_w)
        os.close(from_i_r)
        mine.close()
        return _unwalled(fs, first or "the wall process ended")
    fs._reply("wall %d" % pid)
    _outer(fs, pid, to_i_w, from_i_r, mine)


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


def _inner(fs, area, before, keep, close):
    """Process I: build the wall, then serve student runs (never returns)."""
    to_i_r, from_i_w, theirs = keep
    for fd in close:
        if isinstance(fd, socket.socket):
            fd.close()
        else:
            os.close(fd)
    os.dup2(to_i_r, 0)
    os.dup2(from_i_w, 1)
    os.close(to_i_r)
    os.close(from_i_w)
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # pid 1: only a handled signal could reach it
        wall.build_root(area)
        wall.lock_and_drop()
    except BaseException as e:
        fs._reply("wall-failed %s" % str(e).replace("\n", " "))
        os._exit(71)
    # what the wall imported (ctypes, struct...) must not be found already imported by a student's program
    for name in set(sys.modules) - before:
        sys.modules.pop(name, None)
    fs._wall = wall
    fs._pid_socket = theirs
    fs._reply("wall ok")
    fs._serve()  # a program's child unwinds through here to the interpreter's normal exit
    os._exit(0)


def _outer(fs, inner, to_i, from_i, creds):
    r, w = os.pipe()
    os.set_blocking(w, False)
    signal.set_wakeup_fd(w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    runs = {}  # pid -> token: reference runs, forked here
    announced = set()  # tokens of I's runs whose pid was replied
    buf = b""
    from_buf = b""

    def read_creds():
        while True:
            try:
                data, anc, _, _ = creds.recvmsg(256, socket.CMSG_SPACE(12), socket.MSG_DONTWAIT)
            except (BlockingIOError, InterruptedError):
                return
            for level, kind, payload in anc:
                if level == socket.SOL_SOCKET and kind == _SCM_CREDENTIALS and len(payload) >= 12:
                    pid = struct.unpack("3i", payload[:12])[0]
                    token = data.decode("ascii", "replace")
                    announced.add(token)
                    fs._reply("pid %s %d" % (token, pid))

    while True:
        try:
            ready, _, _ = select.select([0, r, from_i, creds], [], [])
        except InterruptedError:
            continue
        if r in ready:
            try:
                os.read(r, 4096)
            except BlockingIOError:
                pass
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            if pid == inner:
                return  # I is gone (killed): its runs went with its pid namespace
            token = runs.pop(pid, None)
            if token is None:
                continue
            if os.WIFSIGNALED(status):
                fs._reply("exit %s - %d" % (token, os.WTERMSIG(status)))
            else:
                fs._reply("exit %s %d -" % (token, os.WEXITSTATUS(status)))
        if creds in ready:
            read_creds()
        if from_i in ready:
            chunk = os.read(from_i, 65536)
            if not chunk:
                return
            from_buf += chunk
            while b"\n" in from_buf:
                line, from_buf = from_buf.split(b"\n", 1)
                text = line.decode("utf-8", "surrogateescape")
                kind, _, rest = text.partition(" ")
                token = rest.split(" ", 1)[0]
                if kind == "exit" and token not in announced:
                    read_creds()  # sent before it exited: already queued
                    if token not in announced:
                        fs._reply("error %s the program ended before it started" % token)
                        continue
                if kind == "exit":
                    announced.discard(token)
                fs._reply(text)
        if 0 not in ready:
            continue
        chunk = os.read(0, 65536)
        if not chunk:
            return  # the checker is gone; I ends when its stdin does
        buf += chunk
        while True:
            nl = buf.find(b"\n")
            if nl < 0:
                break
            size = int(buf[:nl])
            if len(buf) < nl + 1 + size:
                break
            frame, payload, buf = buf[:nl + 1 + size], buf[nl + 1:nl + 1 + size], buf[nl + 1 + size:]
            fields = payload.decode("utf-8", "surrogateescape").split("\0")
            if not _is_reference(fields[2]):
                while frame:
                    frame = frame[os.write(to_i, frame):]
                continue
            try:
                pid = os.fork()
            except OSError as e:
                fs._reply("error %s %s" % (fields[0], str(e).replace("\n", " ")))
                continue
            if pid == 0:
                os.close(to_i)
                os.close(from_i)
                creds.close()
                fs._child(fields, (r, w))
            runs[pid] = fields[0]
            fs._reply("pid %s %d" % (fields[0], pid))
