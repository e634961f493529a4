# tp-reseau-check bootstrap: runs a student's Python file UNMODIFIED, with the socket layer watched.
#
#   python -S -u -X utf8 tprc_boot.py STUDENT_FILE
#
# Before the student's code runs, this module:
#  - rewrites every bind() to loopback on a port the OS chooses (same real port for the same
#    requested port), and every connect() to the port the checker maps it to;
#  - refuses any traffic to a non-loopback address (TCP or UDP), and reports it;
#  - reports events (bind, listen, accept, connect, send, recv, close, input, blocking calls with
#    the student's file and line, exceptions) as JSON lines on a loopback TCP connection to the
#    checker (TPRC_REPORT=host:port): it works on every OS, unlike inherited fds or extra pipes;
#  - applies resource limits (POSIX) given in TPRC_LIMITS, a budget of processes, a guard
#    against signalling the checker, and a plain environment (see _sandbox).
# Every event carries `t`: microseconds on the machine's monotonic clock, the one the checker reads
# too (time.perf_counter_ns here, process.hrtime in Node: CLOCK_MONOTONIC on Linux,
# mach_absolute_time on macOS, QueryPerformanceCounter on Windows), taken when the thing happened:
# before a send(), close() or listen() call, after a recv() or accept() returns. The checker orders
# the exchange by it, not by arrival. Writes to stdout and stderr are stamped the same way (`out`).
# It only uses the standard library and must stay fast to import (it runs for every process).
import sys
import os
from time import perf_counter_ns as _clock_ns


def _now():
    return _clock_ns() // 1000


_real_socket_mod = None
# This file's name as its frames carry it: they are left out of the tracebacks shown to students.
_BOOT_FILE = sys._getframe(0).f_code.co_filename


# Event lines are JSON written by hand: importing the json module (and re) costs ~2.5 ms of every
# process start. Non-ASCII text goes as UTF-8 (the checker decodes the channel as UTF-8).
_ESCAPES = {i: "\\u%04x" % i for i in range(32)}
_ESCAPES.update({ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


def _dumps(v):
    if isinstance(v, str):
        return '"' + v.translate(_ESCAPES) + '"'
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return int.__repr__(v)
    if isinstance(v, float):
        return float.__repr__(v) if v - v == 0 else "null"  # inf and nan are not JSON
    if isinstance(v, dict):
        return "{" + ",".join(_dumps(str(k)) + ":" + _dumps(x) for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ",".join([_dumps(x) for x in v]) + "]"
    return _dumps(str(v))


def _flat_json(text):
    # The checker's settings ({"<key>": <integer>, ...}) without the json module; anything else
    # goes to it.
    s = text.strip()
    if s[:1] == "{" and s[-1:] == "}":
        out = {}
        body = s[1:-1].strip()
        try:
            for item in body.split(",") if body else ():
                key, sep, value = item.partition(":")
                key = key.strip()
                if not sep or len(key) < 2 or key[0] != '"' or key[-1] != '"' or "\\" in key:
                    raise ValueError(key)
                out[key[1:-1]] = int(value)
            return out
        except ValueError:
            pass
    import json
    return json.loads(text)


def _install():
    import _socket
    import socket
    import builtins
    import threading
    import binascii

    student = os.path.abspath(sys.argv[1])
    student_dir = os.path.dirname(student)
    lock = threading.Lock()
    chan = None
    addr = os.environ.get("TPRC_REPORT")
    if addr:
        host, _, port = addr.rpartition(":")
        chan = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
        chan.connect((host, int(port)))
        chan.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)

    def emit(ev):
        if chan is None:
            return
        if "t" not in ev:
            ev["t"] = _now()
        ev["th"] = threading.get_ident()
        try:
            data = (_dumps(ev) + "\n").encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (surrogateescape'd input): the json module escapes it
            import json
            data = (json.dumps(ev, ensure_ascii=True) + "\n").encode("ascii")
        try:
            with lock:
                chan.sendall(data)
        except OSError:
            pass

    def where():
        # The innermost frame of the student's file: the line a blocked call was made from.
        f = sys._getframe(2)
        while f is not None:
            if f.f_code.co_filename == student:
                return f.f_lineno
            f = f.f_back
        return None

    emit({"ev": "hello", "token": os.environ.get("TPRC_TOKEN", ""), "pid": os.getpid(),
          "exe": sys.executable, "version": list(sys.version_info[:3]), "file": student})
    _say_started()
    if chan is not None:
        _stamp_stdio(emit)

    # ---- address policy -------------------------------------------------------------------------
    # TPRC_CONNECT: JSON {"<requested port>": real port, "*": real port}; a connect whose port is
    # not mapped is refused as "connection refused", exactly as if nothing listened there.
    connect_map = _flat_json(os.environ.get("TPRC_CONNECT") or "{}")
    port_map = {}  # (kind, requested port) -> real port chosen by the OS
    fake_names = {}  # fake address -> the unresolvable host name the student wrote
    # Keyed by the socket object itself (weakly): id() values are reused once a socket is freed.
    import weakref
    requested = weakref.WeakKeyDictionary()  # sock -> (host, port) asked for at bind
    sids = weakref.WeakKeyDictionary()  # sock -> small id, unique for the whole run
    counters = {"sid": 0}
    empty_recvs = {}  # sid -> consecutive recv() that returned b''
    sent_bytes = {}  # sid -> bytes already reported (data is capped per socket)
    DATA_CAP = 65536

    INET = (_socket.AF_INET, getattr(_socket, "AF_INET6", -1))

    def is_loopback(host):
        h = str(host).lower()
        return h.startswith("127.") or h in ("localhost", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1")

    def sid_of(sock):
        sid = sids.get(sock)
        if sid is None:
            counters["sid"] += 1
            sid = sids[sock] = counters["sid"]
        return sid

    def kind_of(sock):
        return "udp" if sock.type == _socket.SOCK_DGRAM else "tcp"

    def loopback_for(sock):
        return "::1" if sock.family != _socket.AF_INET else "127.0.0.1"

    def shown_host(host):
        return fake_names.get(host, host)

    def refuse(what, host, port, err_cls=PermissionError):
        emit({"ev": "refused", "what": what, "host": shown_host(host), "port": port, "line": where()})
        raise err_cls(13 if err_cls is PermissionError else 111,
                      "tp-reseau-check: trafic vers %s:%s interdit (seule la boucle locale est permise)"
                      % (shown_host(host), port))

    def target_for(sock, address):
        host, port = address[0], address[1]
        real = connect_map.get(str(port), connect_map.get("*"))
        if real is None:
            real = port_map.get(("tcp", port))  # a program talking to its own server
        if real is None:
            emit({"ev": "connect-fail", "sid": sid_of(sock), "host": shown_host(host), "port": port,
                  "error": "ConnectionRefusedError", "line": where()})
            raise ConnectionRefusedError(111, "Connection refused")
        lo = loopback_for(sock)
        return (lo, int(real)) + tuple(address[2:]) if sock.family != _socket.AF_INET else (lo, int(real))

    Sock = socket.socket
    orig = {name: getattr(Sock, name) for name in (
        "bind", "listen", "accept", "connect", "connect_ex", "recv", "recv_into", "recvfrom",
        "send", "sendall", "sendto", "close", "shutdown")}

    def blocking(sock):
        try:
            return sock.gettimeout() != 0.0
        except OSError:
            return False

    def block(sock, call):
        if blocking(sock):
            emit({"ev": "block", "call": call, "sid": sid_of(sock), "line": where()})

    def data_field(sid, data):
        done = sent_bytes.get(sid, 0)
        if done >= DATA_CAP:
            return None
        chunk = bytes(data[: DATA_CAP - done])
        sent_bytes[sid] = done + len(chunk)
        return binascii.b2a_base64(chunk, newline=False).decode("ascii")

    def bind(self, address):
        if self.family in INET and isinstance(address, tuple):
            host, port = address[0], address[1]
            kind = kind_of(self)
            real = port_map.get((kind, port), 0) if port else 0
            lo = loopback_for(self)
            if self.family != _socket.AF_INET:
                # A dual-stack IPv6 socket ('::' with V6ONLY off) takes IPv4 clients too: keep that,
                # on the IPv4 loopback; an IPv6-only socket gets the IPv6 loopback.
                try:
                    if not self.getsockopt(_socket.IPPROTO_IPV6, _socket.IPV6_V6ONLY):
                        lo = "::ffff:127.0.0.1"
                except (OSError, AttributeError):
                    pass
            new = (lo, real) + tuple(address[2:])
            orig["bind"](self, new)
            real = self.getsockname()[1]
            if port:
                port_map[(kind, port)] = real
            requested[self] = (host, port)
            emit({"ev": "bind", "sid": sid_of(self), "kind": kind, "host": shown_host(host),
                  "port": port, "real": real, "line": where()})
            return None
        return orig["bind"](self, address)

    def listen(self, *args):
        t = _now()  # before: a client's connect() can only succeed after this
        r = orig["listen"](self, *args)
        if self.family in INET:
            host, port = requested.get(self, (None, None))
            emit({"ev": "listen", "sid": sid_of(self), "host": host, "port": port,
                  "real": self.getsockname()[1], "line": where(), "t": t})
        return r

    def no_delay(sock):
        # Nagle's algorithm holds a small send until the previous one is acknowledged, and the
        # peer delays its acknowledgements by up to 40 ms: a relay sending two messages in a row
        # would stall 40 ms per step. Segmenting changes nothing a correct program can see (TCP is
        # a stream); the lab's programs exchange at human pace on a real network anyway.
        try:
            if sock.family in INET and sock.type == _socket.SOCK_STREAM:
                sock.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)
        except OSError:
            pass

    def accept(self):
        block(self, "accept")
        conn, peer = orig["accept"](self)
        no_delay(conn)
        emit({"ev": "accept", "sid": sid_of(self), "conn": sid_of(conn), "peer": list(peer[:2]),
              "local": list(conn.getsockname()[:2])})
        return conn, peer

    def connect(self, address):
        if self.family in INET and isinstance(address, tuple):
            host, port = address[0], address[1]
            if self.type == _socket.SOCK_DGRAM:
                if not is_loopback(host):
                    refuse("connect", host, port)
                return orig["connect"](self, address)
            target = target_for(self, address)
            no_delay(self)
            block(self, "connect")
            t = _now()  # before: the server may accept and reply before this call returns
            try:
                orig["connect"](self, target)
            except BlockingIOError:  # non-blocking (asyncio): completion is seen by the peer
                emit({"ev": "connect", "sid": sid_of(self), "host": shown_host(host), "port": port,
                      "pending": True, "local": list(self.getsockname()[:2]), "line": where(), "t": t})
                raise
            except OSError as e:
                emit({"ev": "connect-fail", "sid": sid_of(self), "host": shown_host(host),
                      "port": port, "error": type(e).__name__, "line": where()})
                raise
            emit({"ev": "connect", "sid": sid_of(self), "host": shown_host(host), "port": port,
                  "local": list(self.getsockname()[:2]), "line": where(), "t": t})
            return None
        return orig["connect"](self, address)

    def connect_ex(self, address):
        try:
            connect(self, address)
        except BlockingIOError as e:
            return e.errno
        except ConnectionRefusedError as e:
            return e.errno or 111
        except OSError as e:
            if e.errno is None:
                raise
            return e.errno
        return 0

    def note_recv(sock, data_or_n, buf=None):
        if sock.family not in INET:
            return  # a socketpair (asyncio's self-pipe, multiprocessing): not the program's exchange
        sid = sid_of(sock)
        n = data_or_n if buf is not None else len(data_or_n)
        if n == 0:
            count = empty_recvs.get(sid, 0) + 1
            empty_recvs[sid] = count
            # A loop on a closed connection: report the 1st, then every power of ten, not each one.
            if count == 1 or (count & (count - 1) == 0 and count >= 64):
                emit({"ev": "recv", "sid": sid, "n": 0, "count": count, "line": where()})
            return
        empty_recvs[sid] = 0
        payload = bytes(buf[:n]) if buf is not None else data_or_n
        emit({"ev": "recv", "sid": sid, "n": n, "data": data_field(-sid, payload)})

    def recv(self, *args):
        if empty_recvs.get(sid_of(self), 0) == 0:
            block(self, "recv")
        data = orig["recv"](self, *args)
        note_recv(self, data)
        return data

    def recv_into(self, buffer, *args):
        block(self, "recv")
        n = orig["recv_into"](self, buffer, *args)
        note_recv(self, n, memoryview(buffer))
        return n

    def recvfrom(self, *args):
        block(self, "recv")
        return orig["recvfrom"](self, *args)

    def check_peer(sock):
        if sock.family in INET and sock.type == _socket.SOCK_DGRAM:
            try:
                peer = sock.getpeername()
            except OSError:
                return
            if not is_loopback(peer[0]):
                refuse("send", peer[0], peer[1])

    # Sends are stamped before the call: the peer may receive (and answer) before it returns.
    def send(self, data, *args):
        check_peer(self)
        t = _now()
        n = orig["send"](self, data, *args)
        if self.family not in INET:
            return n  # a socketpair (asyncio wakes its loop with b'\0'): not the exchange
        sid = sid_of(self)
        emit({"ev": "send", "sid": sid, "n": n, "data": data_field(sid, memoryview(data)[:n]),
              "line": where(), "t": t})
        return n

    def sendall(self, data, *args):
        check_peer(self)
        t = _now()
        r = orig["sendall"](self, data, *args)
        if self.family not in INET:
            return r
        sid = sid_of(self)
        emit({"ev": "send", "sid": sid, "n": len(data), "data": data_field(sid, memoryview(data)),
              "line": where(), "t": t})
        return r

    def sendto(self, data, *args):
        address = args[-1]
        if self.family in INET and isinstance(address, tuple) and not is_loopback(address[0]):
            refuse("sendto", address[0], address[1])
        return orig["sendto"](self, data, *args)

    def close(self):
        if not self._closed and self.family in INET:
            try:
                fd = self.fileno()
            except OSError:
                fd = -1
            if fd != -1:
                emit({"ev": "close", "sid": sid_of(self), "line": where()})
        return orig["close"](self)

    def shutdown(self, how):
        emit({"ev": "shutdown", "sid": sid_of(self), "how": how, "line": where()})
        return orig["shutdown"](self, how)

    for name, fn in (("bind", bind), ("listen", listen), ("accept", accept), ("connect", connect),
                     ("connect_ex", connect_ex), ("recv", recv), ("recv_into", recv_into),
                     ("recvfrom", recvfrom), ("send", send), ("sendall", sendall),
                     ("sendto", sendto), ("close", close), ("shutdown", shutdown)):
        setattr(Sock, name, fn)

    # Host names a student may write for the neighbour ("pc-voisin") do not resolve here: give them
    # a TEST-NET address (never routed) and remember the name for the report.
    orig_getaddrinfo = socket.getaddrinfo
    orig_gethostbyname = socket.gethostbyname

    def fake_for(host):
        for ip, name in fake_names.items():
            if name == host:
                return ip
        ip = "192.0.2.%d" % (len(fake_names) + 1)
        fake_names[ip] = host
        return ip

    # The machine's own name stands for its LAN address (part 2: gethostbyname(gethostname())). Its
    # real resolution depends on the machine (127.0.1.1 on many Linux, nothing in a namespace): give
    # it a stable non-loopback address instead, so the verdict is the same everywhere.
    own_name = socket.gethostname()

    def own(host):
        return isinstance(host, str) and host and host.lower() == own_name.lower()

    def getaddrinfo(host, port, *args, **kwargs):
        if own(host):
            kwargs.pop("family", None)
            return orig_getaddrinfo(fake_for(host), port, _socket.AF_INET, *args[1:], **kwargs)
        try:
            return orig_getaddrinfo(host, port, *args, **kwargs)
        except socket.gaierror:
            if not isinstance(host, (str, bytes)) or not host:
                raise
            name = host.decode() if isinstance(host, bytes) else host
            kwargs.pop("family", None)
            return orig_getaddrinfo(fake_for(name), port, _socket.AF_INET, *args[1:], **kwargs)

    def gethostbyname(host):
        if own(host):
            return fake_for(host)
        try:
            return orig_gethostbyname(host)
        except socket.gaierror:
            return fake_for(host)

    socket.getaddrinfo = getaddrinfo
    socket.gethostbyname = gethostbyname

    if sys.platform == "win32":
        _patch_proactor(target_for)

    # select()/selectors: an event loop (select, asyncio, socketserver) waiting for the next event
    # reports it like a blocking call, so the checker knows when the server is back to waiting.
    import select as select_mod
    import selectors

    orig_select = select_mod.select

    def select_(*args, **kwargs):
        timeout = args[3] if len(args) > 3 else kwargs.get("timeout")
        if timeout is None or timeout > 0:
            emit({"ev": "block", "call": "select", "sid": 0, "line": where()})
        return orig_select(*args, **kwargs)

    select_mod.select = select_
    for name in ("SelectSelector", "PollSelector", "EpollSelector", "DevpollSelector", "KqueueSelector"):
        cls = getattr(selectors, name, None)
        if cls is None:
            continue

        def make(orig_sel):
            def sel(self, timeout=None):
                if timeout is None or timeout > 0:
                    emit({"ev": "block", "call": "select", "sid": 0, "line": where()})
                return orig_sel(self, timeout)
            return sel

        cls.select = make(cls.select)

    # ---- input(): the checker types a line exactly when the program asks for one ------------------
    orig_input = builtins.input

    def input_(prompt=""):
        emit({"ev": "input", "prompt": str(prompt), "line": where()})
        try:
            line = orig_input(prompt)
        except EOFError:
            emit({"ev": "input-eof", "line": where()})
            raise
        emit({"ev": "input-done", "text": line})
        return line

    builtins.input = input_

    # ---- exceptions in threads (e.g. a relay server's client thread) -------------------------------
    orig_hook = threading.excepthook

    def thread_hook(args):
        if args.exc_type is not SystemExit:
            text = _format_exception(args.exc_type, args.exc_value, args.exc_traceback)
            emit({"ev": "exception", "thread": getattr(args.thread, "name", "?"),
                  "type": args.exc_type.__name__, "message": str(args.exc_value),
                  "traceback": text, "line": _student_line(args.exc_traceback, student)})
        orig_hook(args)

    threading.excepthook = thread_hook

    # ---- thread ends: a relay server's client thread that is done with a departure ----------------
    # (_bootstrap_inner runs run() and the exception hook: subclasses overriding run() are seen too)
    orig_bootstrap = threading.Thread._bootstrap_inner

    def bootstrap_inner(self):
        try:
            orig_bootstrap(self)
        finally:
            if self.name != "tprc-commands":
                emit({"ev": "thread-end"})

    threading.Thread._bootstrap_inner = bootstrap_inner

    # ---- commands from the checker: CPU time on demand (busy-loop detection, every OS) -------------
    if chan is not None:
        import time

        def serve_commands():
            buf = b""
            while True:
                try:
                    chunk = chan.recv(256)
                except OSError:
                    return
                if not chunk:
                    return
                buf += chunk
                while b"\n" in buf:
                    cmd, buf = buf.split(b"\n", 1)
                    if cmd == b"cpu":
                        emit({"ev": "cpu", "seconds": time.process_time()})

        threading.Thread(target=serve_commands, name="tprc-commands", daemon=True).start()

    # ---- resource limits and guards: applied before any student code runs (see _sandbox), last: it
    # clears TPRC_* from the environment
    limits = os.environ.get("TPRC_LIMITS")
    if limits:
        _sandbox(_flat_json(limits), emit, where)

    return emit, student, student_dir


# Set by the fork server (tprc_forkserver.py): tells it, on the pipe that will also carry this
# process's exit, that the module is up. A spawned process says it on stderr instead (the checker
# strips the mark): either way the checker knows, once the process is gone, whether to wait for a
# report channel it has not accepted yet (a late accept under load) or to call the run a failed start.
_started_hook = None
_STARTED_MARK = b"\x00tprc-started\x00\n"


def _say_started():
    global _started_hook
    if _started_hook is not None:
        hook, _started_hook = _started_hook, None
        hook()
    elif os.environ.get("TPRC_STARTED") == "stderr":
        try:
            os.write(2, _STARTED_MARK)
        except OSError:
            pass


# A flood of prints is stamped for its first lines only: the checker shows at most a few hundred.
_STAMPED_WRITES = 2000
_STAMPED_BYTES = 1 << 20


def _stamp_stdio(emit):
    # sys.stdout and sys.stderr rebuilt as the interpreter builds them (-u: write-through text over
    # the raw file), over a raw file that reports each write that ends a line: `out` with the fd,
    # the bytes written so far (`o`) and the time. The bytes themselves still go to the fd (the
    # checker reads them there); the stamps place each printed line in the exchange. At exit, `end`
    # says how many bytes were written in all, so the checker knows when it has read everything.
    import io
    import atexit

    class StampedFile(io.FileIO):
        def write(self, b):
            t = _now()
            n = io.FileIO.write(self, b)
            if n:
                st = self.tprc
                st[0] += n
                if st[1] < _STAMPED_WRITES and st[0] <= _STAMPED_BYTES:
                    try:
                        ends_line = b.find(b"\n", 0, n) >= 0
                    except (AttributeError, TypeError):
                        ends_line = True
                    if ends_line:
                        st[1] += 1
                        emit({"ev": "out", "fd": st[2], "o": st[0], "t": t})
            return n

    counts = {}
    for fd, name in ((1, "stdout"), (2, "stderr")):
        old = getattr(sys, name, None)
        try:
            if old is None or old.fileno() != fd or not old.write_through:
                continue
            raw = StampedFile(fd, "w", closefd=False)
            new = io.TextIOWrapper(raw, encoding=old.encoding, errors=old.errors,
                                   newline=None if os.name == "nt" else "\n",
                                   line_buffering=old.line_buffering, write_through=True)
        except (AttributeError, OSError, ValueError):
            continue
        raw.tprc = counts[fd] = [0, 0, fd]
        new.mode = "w"
        setattr(sys, name, new)
        setattr(sys, "__%s__" % name, new)

    def at_end():
        emit({"ev": "end", "out": [counts[fd][0] if fd in counts else None for fd in (1, 2)]})

    atexit.register(at_end)


def _sandbox(limits, emit, where):
    # Limits and guards for one run (POSIX rlimits; the rest on every OS). Keys of TPRC_LIMITS:
    #   cpu, as, nofile, fsize, nproc: rlimits (cpu: soft limit; the hard limit is 1 s later);
    #   forks: how many processes the whole run may start (os.fork, subprocess, multiprocessing...),
    #          a budget shared by every forked child through an inherited pipe of tokens.
    # These bound a beginner's mistake or a joke (a fork loop, a memory hog), not a determined
    # attacker: ctypes or a program run with exec() get around the Python-level guards; the rlimits,
    # the process group (or pid namespace) kill and the deadlines still bound those.
    # Reporting an exception imports traceback, which past "Too many open files" would fail: a file
    # descriptor is kept free for that import (importing it now would cost ~5 ms of every start:
    # linecache, tokenize, re).
    _reserve_fd()
    if os.name == "posix":
        import resource
        import signal
        names = {"cpu": "RLIMIT_CPU", "as": "RLIMIT_AS", "nofile": "RLIMIT_NOFILE",
                 "fsize": "RLIMIT_FSIZE", "nproc": "RLIMIT_NPROC"}
        for key, value in limits.items():
            rl = getattr(resource, names.get(key, ""), None)
            if rl is None:
                continue
            value = int(value)
            want_hard = value + 1 if key == "cpu" else value  # SIGXCPU at soft, SIGKILL at hard
            try:
                soft, hard = resource.getrlimit(rl)
                new_hard = want_hard if hard == resource.RLIM_INFINITY or hard > want_hard else hard
                resource.setrlimit(rl, (min(value, new_hard), new_hard))
            except (ValueError, OSError):
                pass
        if "cpu" in limits:
            seconds = int(limits["cpu"])

            def on_xcpu(signum, frame):
                signal.signal(signal.SIGXCPU, signal.SIG_DFL)
                emit({"ev": "limit", "limit": "cpu", "value": seconds, "line": where()})
                raise CPUTimeLimitExceeded("RLIMIT_CPU: %d s of CPU time used (endless loop?)" % seconds)

            try:
                signal.signal(signal.SIGXCPU, on_xcpu)
            except (ValueError, OSError, AttributeError):
                pass

    forks = limits.get("forks")
    if forks is not None:
        _fork_budget(int(forks), emit, where)
    _kill_guard(emit, where)
    _scrub_environment()


class CPUTimeLimitExceeded(BaseException):
    """Raised in the main thread when RLIMIT_CPU's soft limit is reached (SIGXCPU)."""


def _fork_budget(budget, emit, where):
    # A pipe holding one byte per process the run may still start: every forked child inherits it,
    # so a fork loop shares one budget. Non-blocking: an empty pipe means the budget is spent.
    r, w = os.pipe()
    os.write(w, b"x" * budget)
    os.close(w)
    try:
        os.set_blocking(r, False)
        os.set_inheritable(r, False)  # a fork keeps it (same process image); exec'd programs do not
    except (AttributeError, OSError):
        pass

    def take(what):
        try:
            if os.read(r, 1):
                return
        except BlockingIOError:
            pass
        except OSError:
            return
        emit({"ev": "limit", "limit": "forks", "value": budget, "what": what, "line": where()})
        raise BlockingIOError(11, "Resource temporarily unavailable (tp-reseau-check: at most %d processes"
                              " may be started)" % budget)

    def guard(mod, name, what):
        fn = getattr(mod, name, None)
        if fn is None:
            return

        def wrapped(*args, **kwargs):
            take(what)
            return fn(*args, **kwargs)

        setattr(mod, name, wrapped)

    for name in ("fork", "forkpty", "posix_spawn", "posix_spawnp", "system", "spawnv", "spawnve",
                 "spawnvp", "spawnvpe", "startfile"):
        guard(os, name, name)
    try:
        import _posixsubprocess  # subprocess and multiprocessing start processes through it
        guard(_posixsubprocess, "fork_exec", "subprocess")
    except ImportError:
        pass
    try:
        import _winapi
        guard(_winapi, "CreateProcess", "subprocess")
    except ImportError:
        pass


def _kill_guard(emit, where):
    # The checker is the program's parent: a signal to it or to its process group (or to every
    # process, pid -1) is refused and reported. The program may still signal itself and its children.
    if not hasattr(os, "getppid"):
        return
    parent = os.getppid()
    try:
        parent_group = os.getpgid(parent)
    except (OSError, AttributeError):
        parent_group = None
    own_group = os.getpgrp() if hasattr(os, "getpgrp") else None

    def refused(target, sig):
        emit({"ev": "limit", "limit": "kill", "value": target, "line": where()})
        raise PermissionError(1, "Operation not permitted (tp-reseau-check: signal %s to %s refused: it is the"
                              " checker)" % (sig, "process group %d" % -target if target < 0 else "process %d" % target))

    def bad_group(group):
        return group != own_group and (group == parent_group or group in (0, 1))

    orig_kill = os.kill

    def kill(pid, sig):
        if pid == parent or pid == -1 or (pid < -1 and bad_group(-pid)):
            refused(pid, sig)
        return orig_kill(pid, sig)

    os.kill = kill
    # the same functions under the name of the OS module (`import posix; posix.kill(...)`)
    low = sys.modules.get("posix") or sys.modules.get("nt")
    if low is not None:
        low.kill = kill
    orig_killpg = getattr(os, "killpg", None)
    if orig_killpg is not None:
        def killpg(group, sig):
            if bad_group(group) or group <= 1 and group != own_group:
                refused(-group, sig)
            return orig_killpg(group, sig)

        os.killpg = killpg
        if low is not None:
            low.killpg = killpg


_ENV_KEEP = ("PATH", "HOME", "USER", "LOGNAME", "USERNAME", "LANG", "LANGUAGE", "TZ", "TERM", "TMPDIR",
             "TEMP", "TMP", "SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "PATHEXT", "USERPROFILE",
             "APPDATA", "LOCALAPPDATA", "HOMEDRIVE", "HOMEPATH", "PYTHONUTF8", "PYTHONIOENCODING",
             "PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE")


def _scrub_environment():
    # The student's program sees a plain environment, never the checker's (CI tokens, TPRC_*).
    for key in list(os.environ):
        if key not in _ENV_KEEP and not key.startswith("LC_"):
            try:
                del os.environ[key]
            except (KeyError, OSError):
                pass


def _patch_proactor(target_for):
    # On Windows, asyncio's proactor connects with ConnectEx, not socket.connect: patch it too.
    try:
        from asyncio import windows_events
    except ImportError:
        return
    orig_connect = windows_events.IocpProactor.connect

    def connect(self, conn, address):
        return orig_connect(self, conn, target_for(conn, address))

    windows_events.IocpProactor.connect = connect


_spare_fd = None


def _reserve_fd():
    global _spare_fd
    try:
        _spare_fd = os.open(os.devnull, os.O_RDONLY)
    except OSError:
        pass


def _import_traceback():
    # The import reads one file at a time: the spare descriptor is enough past "Too many open files".
    global _spare_fd
    try:
        import traceback
    except Exception:
        if _spare_fd is None:
            raise
        try:
            os.close(_spare_fd)
        except OSError:
            pass
        _spare_fd = None
        import traceback
    return traceback


def _format_exception(exc_type, exc, tb):
    # The traceback without this module's frames (a wrapped send() would otherwise show as the
    # failing line), in chained exceptions too.
    traceback = _import_traceback()
    te = traceback.TracebackException(exc_type, exc, tb)
    seen = set()
    todo = [te]
    while todo:
        t = todo.pop()
        if t is None or id(t) in seen:
            continue
        seen.add(id(t))
        t.stack = traceback.StackSummary.from_list([f for f in t.stack if f.filename != _BOOT_FILE])
        todo += [t.__cause__, t.__context__] + list(getattr(t, "exceptions", None) or [])
    return "".join(te.format())


def _student_line(tb, student):
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == student:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _coding_cookie(raw):
    # PEP 263: `coding[:=]name` in a comment on line 1, or on line 2 when line 1 is a comment or blank.
    for i, line in enumerate(raw.split(b"\n", 2)[:2]):
        text = line.lstrip(b" \t\f")
        if not text.startswith(b"#"):
            if i == 0 and not text.strip():
                continue
            return None
        at = text.find(b"coding")
        while at >= 0:
            rest = text[at + 6:]
            if rest[:1] in (b":", b"="):
                rest = rest[1:].lstrip(b" \t")
                n = 0
                while n < len(rest) and (rest[n:n + 1].isalnum() or rest[n:n + 1] in (b"-", b"_", b".")):
                    n += 1
                if n:
                    return rest[:n].decode("ascii")
            at = text.find(b"coding", at + 6)
    return None


def _source_text(path, raw):
    # The source decoded as `python3 file.py` decodes it (PEP 263, PEP 3120): a UTF-8 BOM, else the
    # coding declaration, else UTF-8, strictly. compile() of the bytes is laxer (a latin-1 byte in a
    # comment goes through): a file the interpreter refuses must be refused here too.
    cookie = _coding_cookie(raw)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        if cookie is not None and cookie.lower().replace("_", "-") not in ("utf-8", "utf8"):
            raise SyntaxError("encoding problem: %s with BOM" % cookie)
        cookie = None
    try:
        return raw.decode(cookie or "utf-8")
    except LookupError:
        raise SyntaxError("unknown encoding: %s" % cookie) from None
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        if cookie is None:
            err = SyntaxError("Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, but no encoding"
                              " declared; see https://peps.python.org/pep-0263/ for details"
                              % (raw[e.start], path, line))
        else:
            err = SyntaxError("(unicode error) %s" % e)
        err.tprc_line = line  # for the report; Python prints no file and line for this error
        raise err from None


def _run_path(path):
    # What runpy.run_path does for a plain .py file, without importing runpy (and pkgutil,
    # importlib.util, typing: ~4 ms of every start). The program runs as __main__, as with
    # `python file.py`.
    import io
    with io.open_code(path) as f:
        source = _source_text(path, f.read())
    code = compile(source, path, "exec", dont_inherit=True)
    main = type(sys)("__main__")
    import builtins
    main.__dict__.update(__file__=path, __cached__=None, __loader__=None, __package__=None,
                         __spec__=None, __builtins__=builtins)
    sys.modules["__main__"] = main
    exec(code, main.__dict__)


class _SitePackagesOnDemand:
    # -S skips site-packages (~20 ms of every start: .pth files import things). The lab needs only
    # the standard library, but a program that imports an installed module must find it, as with
    # `python3 file.py`: the first import found nowhere else adds the site directories (with their
    # .pth files, as site does) and is tried again. Last in sys.meta_path: costs nothing otherwise.
    done = False

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if cls.done or path is not None:
            return None
        cls.done = True
        import site
        before = list(sys.path)
        dirs = list(site.getsitepackages())
        if site.check_enableusersite():
            dirs.append(site.getusersitepackages())
        for d in dirs:
            if os.path.isdir(d):
                site.addsitedir(d)
        if sys.path == before:
            return None
        import importlib.machinery
        return importlib.machinery.PathFinder.find_spec(name, None, target)


def _main():
    if len(sys.argv) < 2:
        sys.stderr.write("usage: tprc_boot.py STUDENT_FILE\n")
        sys.exit(2)
    emit, student, student_dir = _install()
    # Without `site` (-S, faster start), exit() and quit() are missing: students use them.
    import builtins
    if not hasattr(builtins, "exit"):
        import _sitebuiltins
        builtins.exit = _sitebuiltins.Quitter("exit", "Ctrl-D (i.e. EOF)")
        builtins.quit = _sitebuiltins.Quitter("quit", "Ctrl-D (i.e. EOF)")
    if sys.flags.no_site:
        sys.meta_path.append(_SitePackagesOnDemand)
    # As `python3 serveur.py` run from the program's folder (the checker's working copy of it):
    # argv[0] is the name as typed, __file__ the absolute path (as Python >= 3.9 gives it).
    sys.argv = sys.argv[1:]
    sys.argv[0] = os.path.basename(student)
    if hasattr(sys, "orig_argv"):
        sys.orig_argv = [sys.orig_argv[0], sys.argv[0]] + sys.argv[1:]
    sys.path[0] = student_dir
    try:
        _run_path(student)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        raise
    except BaseException as e:  # report the student's traceback without our frames
        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != student:
            tb = tb.tb_next
        text = _format_exception(type(e), e, tb)
        sys.stderr.write(text)
        sys.stderr.flush()
        line = _student_line(tb, student)
        if line is None and isinstance(e, SyntaxError):
            line = e.lineno or getattr(e, "tprc_line", None)
        emit({"ev": "exception", "thread": "MainThread", "type": type(e).__name__,
              "message": str(e), "traceback": text, "line": line})
        sys.exit(1)


# Run as a script (python tprc_boot.py FILE) or imported by tprc_start.py, which then calls _main().
if __name__ == "__main__":
    _main()
