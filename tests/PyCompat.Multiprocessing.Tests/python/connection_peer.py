"""The CPython end of a connection test: fd 3 is one end of a C# Pipe (socketpair or os.pipe), given at spawn.

usage: connection_peer.py MODE [ARGS...]   (see the functions below; each mode is one test's CPython side)
"""
import hashlib
import os
import struct
import sys
from multiprocessing.connection import Client, Connection, Listener

FD = 3


def address(spec):
    kind, _, rest = spec.partition(":")
    if kind == "path":
        return rest
    if kind == "abstract":
        return "\0" + rest
    host, _, port = rest.rpartition(":")
    return (host or "127.0.0.1", int(port or 0))


def authkey(text):
    return None if text == "none" else bytes.fromhex(text)


def failure(e):
    return (type(e).__name__, str(e))


def echo():
    """Every value received goes back as (repr(value), value)."""
    c = Connection(FD)
    while True:
        try:
            value = c.recv()
        except EOFError:
            return
        c.send((repr(value), value))


def send_literals(source):
    """Evaluates a Python list literal and sends each value, then its repr."""
    c = Connection(FD)
    for value in eval(source):
        c.send(value)
        c.send(repr(value))


def echo_bytes():
    """Sends bytes with an offset and size first, then echoes every message."""
    c = Connection(FD)
    c.send_bytes(b"0123456789", 2, 5)
    while True:
        try:
            data = c.recv_bytes()
        except EOFError:
            return
        c.send_bytes(data)


def pattern(n):
    return (bytes(range(256)) * (n // 256 + 1))[:n]


def big(n):
    """Receives one message and reports its length and sha256, then sends n bytes after their sha256."""
    c = Connection(FD)
    data = c.recv_bytes()
    c.send((len(data), hashlib.sha256(data).hexdigest()))
    del data
    payload = pattern(int(n))
    c.send(hashlib.sha256(payload).hexdigest())
    c.send_bytes(payload)


def listen(spec, key):
    """Listens, reports its address, accepts one client, echoes one value, reports the outcome."""
    c = Connection(FD)
    try:
        with Listener(address(spec), authkey=authkey(key)) as listener:
            c.send(listener.address)
            with listener.accept() as conn:
                conn.send(("python got", conn.recv()))
        c.send("ok")
    except Exception as e:
        c.send(failure(e))


def client(spec, key):
    """Connects, sends one value, reports the reply or the failure."""
    c = Connection(FD)
    try:
        with Client(address(spec), authkey=authkey(key)) as conn:
            conn.send("hello from python")
            c.send(("ok", conn.recv()))
    except Exception as e:
        c.send(failure(e))


def recv_bytes():
    """Reads one message the way CPython does and prints what happened (what the C# end must match)."""
    c = Connection(FD, writable=False)
    try:
        data = c.recv_bytes()
        print("ok", len(data))
    except Exception as e:
        print(type(e).__name__ + ":", e)


def die_mid_message():
    """Announces 1000 bytes, sends 10, and dies."""
    os.write(FD, struct.pack("!i", 1000) + b"x" * 10)
    os._exit(0)


def huge_header():
    """Announces 2**62 bytes and stays alive (sending nothing more) until the other end closes."""
    os.write(FD, struct.pack("!i", -1) + struct.pack("!Q", 2**62))
    os.read(FD, 1)


def misuse():
    """Prints, one per line, CASE: the message CPython gives for each misuse the C# end must word the same way."""
    import multiprocessing

    def case(name, action):
        try:
            action()
            print(name + ": no error")
        except Exception as e:
            print(f"{name}: {type(e).__name__}: {e}")

    a, b = multiprocessing.Pipe()
    case("send_bytes offset -1", lambda: a.send_bytes(b"0123456789", -1))
    case("send_bytes offset 11", lambda: a.send_bytes(b"0123456789", 11))
    case("send_bytes size -1", lambda: a.send_bytes(b"0123456789", 2, -1))
    case("send_bytes offset 4 size 7", lambda: a.send_bytes(b"0123456789", 4, 7))
    case("recv_bytes maxlength -1", lambda: a.recv_bytes(-1))
    case("recv_bytes_into offset -1", lambda: a.recv_bytes_into(bytearray(4), -1))
    case("recv_bytes_into offset 5", lambda: a.recv_bytes_into(bytearray(4), 5))
    b.send_bytes(b"0123456789")
    case("recv_bytes_into short buffer", lambda: a.recv_bytes_into(bytearray(4)))
    b.send_bytes(b"0123456789")
    case("recv_bytes maxlength 4", lambda: a.recv_bytes(4))
    case("recv after bad length", lambda: a.recv_bytes())
    a.close()
    c, d = multiprocessing.Pipe()
    d.close()
    case("recv after peer closed", lambda: c.recv())
    case("fileno closed", lambda: a.fileno())
    case("send closed", lambda: a.send(1))
    r, w = multiprocessing.Pipe(duplex=False)
    case("recv on write end", lambda: w.recv())
    case("send on read end", lambda: r.send(1))


MODES = {
    "misuse": misuse,
    "echo": echo, "send-literals": send_literals, "echo-bytes": echo_bytes, "big": big, "listen": listen,
    "client": client, "recv-bytes": recv_bytes, "die-mid-message": die_mid_message, "huge-header": huge_header,
}

if __name__ == "__main__":
    MODES[sys.argv[1]](*sys.argv[2:])
