# tp-reseau-check fork server (POSIX): python -S -u -X utf8 tprc_forkserver.py
#
# A check starts ~14 Python processes; each fresh interpreter costs ~25 ms of CPU before the
# student's first line runs (interpreter start, then socket/threading imports for the injected
# module), and they all start at once on a few cores. This server pays that once: it imports the
# injected module (tprc_boot) and what it imports, then forks one child per run. The child is set up
# as a fresh `python -S -u -X utf8 tprc_start.py FILE` would be (own session, environment, working
# folder, stdio, argv), then runs tprc_boot._main(): the student's program runs exactly as it would
# in a new process, behind the same module. Nothing here imports what a fresh start would not have
# imported before the student's code (a student's json.py must still shadow the standard json).
#
# Requests on stdin, one per run: b"<length>\n" then <length> bytes of NUL-separated fields:
#   token, hub "host:port", file, cwd, then KEY=VALUE environment entries.
# Replies on stdout, one line each: "pid <token> <pid>", "exit <token> <code> <signal>",
# "error <token> <message>", and from the child itself "started <token>" once the injected module
# is up (always before that child's "exit"). Stdio of a child: three connections to the checker's hub (the same
# loopback server the module reports to), each announced by {"ev":"stdio","token":...,"fd":N}.
import atexit
import gc
import os
import sys

_write = sys.dont_write_bytecode
sys.dont_write_bytecode = False
try:
    import tprc_boot
finally:
    sys.dont_write_bytecode = _write

# What tprc_boot._install imports before any student code (a fresh start imports them too).
import _socket
import socket
import builtins
import threading
import binascii
import weakref
import io
import signal
import select
if os.name == "posix":
    import resource
import _sitebuiltins

# Pipe-sized buffers: a program that floods its output blocks after ~64 KiB once the checker stops
# reading, as it would on a pipe (a loopback socket would otherwise take megabytes first).
_STDIO_BUF = 65536


def _reply(line, fd=1):
    data = (line + "\n").encode("utf-8", "surrogateescape")
    while data:
        data = data[os.write(fd, data):]


def _connect_stdio(hub, token, fd):
    host, _, port = hub.rpartition(":")
    s = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
    s.setsockopt(_socket.SOL_SOCKET, _socket.SO_SNDBUF if fd else _socket.SO_RCVBUF, _STDIO_BUF)
    s.connect((host, int(port)))
    s.sendall(('{"ev":"stdio","token":"%s","fd":%d}\n' % (token, fd)).encode("ascii"))
    os.dup2(s.fileno(), fd)
    s.close()


def _new_stdio():
    # As the interpreter builds them with -u -X utf8 on POSIX: raw binary layers, write-through
    # text, UTF-8 with surrogateescape (stderr: backslashreplace), no newline translation.
    stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "r", closefd=False)), encoding="utf-8",
                             errors="surrogateescape", newline="\n")
    stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8",
                              errors="surrogateescape", newline="\n", write_through=True)
    stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8",
                              errors="backslashreplace", newline="\n", line_buffering=True,
                              write_through=True)
    for name, stream in (("stdin", stdin), ("stdout", stdout), ("stderr", stderr)):
        stream.mode = "r" if name == "stdin" else "w"
        setattr(sys, name, stream)
        setattr(sys, "__%s__" % name, stream)


# Behind the wall (tprc_forkserver_wall.py): the wall module, the descriptors a child must not
# keep, the pid as the checker sees it, and where reference runs go (the other side of the wall).
_wall = None
_wall_fds = ()
_outer_pid = None
_reference = None


def _child(fields, wake):
    global _server_modules
    token, hub, path, cwd = fields[:4]
    # What the server holds is never garbage: the program's collections skip it and leave the
    # pages shared with the server alone (as gc.freeze() is meant to be used around fork()).
    gc.freeze()
    _server_modules = frozenset(sys.modules)
    try:
        os.setsid()  # its own session and process group, as `detached: true` gives a spawned one
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.set_wakeup_fd(-1)
        for fd in wake:
            os.close(fd)
        if _wall is not None:
            for fd in _wall_fds:
                os.close(fd)
            _wall.child_side()
            signal.signal(signal.SIGINT, signal.default_int_handler)
        # The reply pipe, kept (not inheritable) until the module is up: "started <token>" then
        # comes before the server's "exit <token>" on the same pipe (see tprc_boot._say_started).
        replies = os.dup(1)

        def started():
            try:
                _reply("started %s" % token, replies)
            finally:
                os.close(replies)

        tprc_boot._started_hook = started
        for fd in (0, 1, 2):
            _connect_stdio(hub, token, fd)
        _new_stdio()
        os.environ.clear()
        for item in fields[4:]:
            key, _, value = item.partition("=")
            os.environ[key] = value
        if _wall is not None:
            os.environ.update(_wall.ENV)
        os.chdir(cwd)
        sys.argv = [tprc_boot.__file__, path]
        sys.path[0] = os.path.dirname(path)
    except BaseException as e:  # nothing of the student's has run: a checker error, said on stderr
        try:
            os.write(2, ("tp-reseau-check: fork server child setup failed: %r\n" % (e,)).encode())
        finally:
            os._exit(70)
    # From here on this process is the student's program. It ends as after `python FILE`.
    _end(_run_main())


def _run_main():
    """The exit status of the student's program, as the interpreter computes it from SystemExit."""
    try:
        tprc_boot._main()
    except SystemExit as e:
        code = e.code
    else:
        return 0
    if code is None:
        return 0
    if isinstance(code, int):
        return code if -(1 << 31) <= code < (1 << 31) else -1
    try:  # sys.exit("message"): printed on stderr, status 1
        sys.stderr.write(str(code) + "\n")
    except Exception:
        pass
    return 1


def _end(status):
    # What the interpreter does at exit, in its order: non-daemon threads joined, atexit
    # callbacks, stdio flushed, the program's own objects finalized (a collection, its modules'
    # globals cleared, a collection: __del__ run, files flushed and closed). Then the process ends
    # without tearing down the interpreter: that part only frees what this server imported before
    # the fork, and would cost ~8 ms of CPU in every run, mostly copying the pages the fork shares.
    # Anything else (an exception or Ctrl-C during these steps) unwinds to the normal exit.
    threading._shutdown()
    atexit._run_exitfuncs()
    _flush_stdio()
    gc.collect()
    for name in _program_modules():
        _clear_module(sys.modules.get(name))
    gc.collect()
    _flush_stdio()
    os._exit(status & 0xFF)


def _flush_stdio():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


_server_modules = frozenset()


def _program_modules():
    """The modules the program loaded (this server had not), last loaded first; __main__ last."""
    mine = [n for n in list(sys.modules) if n not in _server_modules and n != "__main__"]
    return mine[::-1] + ["__main__"]


def _clear_module(mod):
    # as the interpreter clears a module at exit: names starting with one underscore first, then
    # the others, __builtins__ kept
    d = getattr(mod, "__dict__", None)
    if not isinstance(d, dict):
        return
    for underscore in (True, False):
        for key in list(d):
            if isinstance(key, str) and key != "__builtins__" and \
                    (key.startswith("_") and not key.startswith("__")) == underscore:
                try:
                    d[key] = None
                except Exception:
                    pass


def _serve():
    """The checker's requests on stdin, until it closes them (its runs are killed by it)."""

    def start(fields, frame, wake):
        if _reference is not None and _reference(fields[2], frame):
            return  # forked on the checker's side of the wall
        fork_run(fields, wake, _outer_pid)

    serve_frames(0, start)


# The serve loop shared by this server and the wall's outer process (tprc_forkserver_wall._outer).
_runs = {}  # pid -> token of the runs this process forked


def serve_frames(source, start, watch=None):
    """
    Read requests from `source` (b"<length>\\n" + fields) and call start(fields, frame, wake) for
    each; reply "exit" for each run that ends. Returns "eof" at the end of `source`, "ended" once
    the child `watch` (a pid) has ended. `wake`: the descriptors a forked child must close.
    """
    r, w = os.pipe()
    os.set_blocking(w, False)
    signal.set_wakeup_fd(w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    buf = b""
    while True:
        try:
            ready, _, _ = select.select([source, r], [], [])
        except InterruptedError:
            continue
        if r in ready:
            try:
                os.read(r, 4096)
            except BlockingIOError:
                pass
        if (_runs or watch is not None) and _reap(watch):
            return "ended"
        if source not in ready:
            continue
        chunk = os.read(source, 65536)
        if not chunk:
            return "eof"
        buf += chunk
        while True:
            nl = buf.find(b"\n")
            if nl < 0:
                break
            size = int(buf[:nl])
            if len(buf) < nl + 1 + size:
                break
            frame, buf = buf[:nl + 1 + size], buf[nl + 1 + size:]
            start(frame[nl + 1:].decode("utf-8", "surrogateescape").split("\0"), frame, (r, w))


def _reap(watch):
    """Reply "exit" for each run that ended; True when the child `watch` ended."""
    gone = False
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            break
        if pid == watch:
            gone = True
            continue
        token = _runs.pop(pid, None)
        if token is None:
            continue
        if os.WIFSIGNALED(status):
            _reply("exit %s - %d" % (token, os.WTERMSIG(status)))
        else:
            _reply("exit %s %d -" % (token, os.WEXITSTATUS(status)))
    return gone


def fork_run(fields, close_in_child, shown_pid=None):
    """Fork the run a request asks for; reply its pid (as the checker numbers it: `shown_pid`)."""
    try:
        pid = os.fork()
    except OSError as e:
        _reply("error %s %s" % (fields[0], str(e).replace("\n", " ")))
        return
    if pid == 0:
        _child(fields, close_in_child)
    _runs[pid] = fields[0]
    _reply("pid %s %d" % (fields[0], shown_pid(pid) if shown_pid else pid))


if __name__ == "__main__":
    if os.environ.get("TPRC_SANDBOX_AREA") and sys.platform.startswith("linux"):
        _before = set(sys.modules)  # what a fresh interpreter would have imported by now
        sys.dont_write_bytecode = False  # cached like tprc_boot (see tprc_start.py)
        try:
            import tprc_forkserver_wall
        finally:
            sys.dont_write_bytecode = _write
        tprc_forkserver_wall.serve(sys.modules[__name__], os.environ["TPRC_SANDBOX_AREA"], _before)
    else:
        _serve()
