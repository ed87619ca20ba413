"""CPython's end of the manager tests: a SyncManager server, a client that exercises every proxy type, and targets
for children of a C# parent. ManagerTests.cs runs it; ManagerExercise.cs is the same exercise in C#.

    manager_peer.py serve unix|tcp AUTHKEY_HEX      start a server, print its address as JSON, serve until stdin closes
    manager_peer.py exercise ADDRESS_JSON AUTHKEY_HEX   connect, exercise every proxy type, print one repr per line
    manager_peer.py connect ADDRESS_JSON AUTHKEY_HEX    connect only; print the error's class name, or 'connected'
    manager_peer.py count ADDRESS_JSON AUTHKEY_HEX      print how many shared objects the server holds
    manager_peer.py die|oversized|garbage ADDRESS_JSON AUTHKEY_HEX   a client that misbehaves (see bad_peer)
"""
import json
import sys
from multiprocessing.managers import SyncManager


def exercise(m):
    out = []
    d = m.dict()
    d["a"] = 1
    d[2] = [1, "x"]
    out.append(("dict", len(d), d["a"], d[2], "a" in d, list(d.keys()), d.get("zz", "dflt"), str(d)))
    try:
        d["missing"]
    except KeyError as e:
        out.append(("dict-missing", type(e).__name__, str(e)))
    l = m.list([3, 1])
    l.append(2)
    l.sort()
    out.append(("list", len(l), l[0], l[-1], str(l)))
    try:
        l.remove(9)
    except ValueError as e:
        out.append(("list-remove", str(e)))
    ns = m.Namespace()
    ns.x = 5
    try:
        ns.y
    except AttributeError as e:
        out.append(("ns-missing", str(e)))
    out.append(("ns", ns.x, str(ns)))
    q = m.Queue()
    q.put("item")
    out.append(("queue", q.qsize(), q.get(), q.empty()))
    try:
        q.get_nowait()
    except Exception as e:
        out.append(("queue-empty", type(e).__name__))
    lk = m.Lock()
    out.append(("lock", lk.acquire(), lk.acquire(False), lk.release()))
    rl = m.RLock()
    out.append(("rlock", rl.acquire(), rl.acquire(), rl.release(), rl.release()))
    s = m.Semaphore(2)
    out.append(("semaphore", s.acquire(), s.acquire(), s.acquire(False)))
    bs = m.BoundedSemaphore(1)
    try:
        bs.release()
    except ValueError as e:
        out.append(("bounded", str(e)))
    c = m.Condition()
    out.append(("condition", c.acquire(), c.wait(0.05), c.notify(), c.release()))
    ev = m.Event()
    out.append(("event", ev.is_set(), ev.set(), ev.is_set(), ev.wait(1)))
    v = m.Value("i", 7)
    v.value = 8
    out.append(("value", v.value))
    a = m.Array("i", [1, 2, 3])
    a[1] = 5
    out.append(("array", len(a), a[1]))
    for line in out:
        print(repr(line))


def address_of(text):
    value = json.loads(text)
    return tuple(value) if isinstance(value, list) else value


def main(argv):
    mode = argv[1]
    if mode == "serve":
        address = ("127.0.0.1", 0) if argv[2] == "tcp" else None
        manager = SyncManager(address=address, authkey=bytes.fromhex(argv[3]))
        manager.start()
        print(json.dumps(manager.address), flush=True)
        sys.stdin.read()
        manager.shutdown()
        return
    manager = SyncManager(address=address_of(argv[2]), authkey=bytes.fromhex(argv[3]))
    if mode == "connect":
        try:
            manager.connect()
            print("connected")
        except Exception as e:
            print(type(e).__name__)
        return
    if mode == "count":
        manager.connect()
        print(manager._number_of_objects())
        return
    if mode in ("die", "oversized", "garbage"):
        bad_peer(mode, address_of(argv[2]), bytes.fromhex(argv[3]))
        return
    manager.connect()
    exercise(manager)


def bad_peer(mode, address, authkey):
    """An authenticated client that misbehaves: dies inside a request's frame, announces a request longer than the
    server reads, or sends bytes that are not a pickle. Prints the server's reply (kind and first line) if any."""
    import os
    import struct
    from multiprocessing.connection import Client
    conn = Client(address, authkey=authkey)
    if mode == "die":
        conn._send(struct.pack("!i", 100) + b"x" * 10)
        os._exit(0)
    if mode == "oversized":
        conn._send(struct.pack("!i", 0x7fffffff))
    else:
        conn.send_bytes(b"this is not a pickle")
    kind, text = conn.recv()
    print(kind, text.strip().splitlines()[-1])


if __name__ == "__main__":
    main(sys.argv)
