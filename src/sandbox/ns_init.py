# tp-reseau-check: process 1 of a student's namespaces (user + network + pid + mount).
#
#   unshare --user --map-root-user --net --pid --fork --mount-proc --kill-child \
#       python3 -S -I ns_init.py COMMAND ARGS...
#
# Brings the namespace's own loopback up (the new network namespace has only `lo`, down), starts
# COMMAND (the checker for one student), reaps every orphan (a fork loop leaves many), and exits
# with COMMAND's status. When process 1 of a pid namespace exits, the kernel kills every process
# left in it: nothing a student's program started can outlive the check.
# `ip link set lo up` would need iproute2; an ioctl needs only Python, which the checker has anyway.
import os
import sys


def loopback_up():
    import fcntl
    import socket
    import struct
    SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        req = struct.pack("16sh", b"lo", 0)
        flags = struct.unpack("16sh", fcntl.ioctl(s, SIOCGIFFLAGS, req)[:18])[1]
        fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sh", b"lo", flags | IFF_UP))


def area_up(area):
    # The namespace's own size-limited tmpfs over the (empty) area folder: the checker's scenario
    # copies, and the /tmp and home of the programs' wall (tprc_sandbox.py). It ends with the mount
    # namespace, whatever a program wrote there; the folder itself is removed by netns.ts.
    # util-linux's mount (there with unshare) costs ~1 ms; importing ctypes here would cost ~8 ms.
    try:
        pid = os.posix_spawnp("mount", ["mount", "-t", "tmpfs", "-o", "size=128m,mode=0700,nosuid,nodev",
                                        "tmpfs", area], dict(os.environ))
        status = os.waitpid(pid, 0)[1]
    except OSError:
        status = -1
    if status != 0:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.mount(b"tmpfs", area.encode("utf-8", "surrogateescape"), b"tmpfs", 2 | 4, b"size=128m,mode=0700") != 0:
            raise OSError(ctypes.get_errno(), "mount tmpfs on %s" % area)
    for sub in ("work", "tmp", "home", "root"):
        os.mkdir(os.path.join(area, sub), 0o700 if sub == "root" else 0o777)


def main():
    area = os.environ.get("TPRC_SANDBOX_AREA")
    try:
        if area:
            area_up(area)
    except OSError as e:
        sys.stderr.write("tp-reseau-check: cannot mount the namespace's tmpfs: %s\n" % e)
        return 96
    try:
        loopback_up()
    except OSError as e:
        sys.stderr.write("tp-reseau-check: cannot bring the namespace's loopback up: %s\n" % e)
        return 97
    # A new network namespace has no route out: anything but "network unreachable" means this is
    # not one (the checker then falls back to the injected module alone).
    import errno
    import socket
    with socket.socket() as s:
        s.setblocking(False)
        err = s.connect_ex(("192.0.2.1", 9))
    if err != errno.ENETUNREACH:
        sys.stderr.write("tp-reseau-check: the namespace reaches the outside (connect: %s)\n" % err)
        return 98
    if len(sys.argv) < 2:
        return 0  # probe: the loopback came up
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(sys.argv[1], sys.argv[1:])
        finally:
            os._exit(127)
    status = 1
    while True:
        try:
            done, st = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        if done == pid:
            status = os.waitstatus_to_exitcode(st) if hasattr(os, "waitstatus_to_exitcode") else st >> 8
            break
    return status if status >= 0 else 128 - status


if __name__ == "__main__":
    sys.exit(main())
