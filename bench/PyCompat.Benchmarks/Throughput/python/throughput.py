"""Throughput of CPython's queues and connections: CPython's side of the throughput table (Throughput/ThroughputSuite.cs),
and the Python targets a C# parent's CPython children run (ThroughputTargets.cs has the C# ports).

usage: throughput.py queue N | conn N SIZE | pipe N SIZE | socketpair N SIZE
Prints the seconds from the parent's first put (send) to the child's acknowledgment of the last item. Under
`pycompat run --map` the same script has a CPython parent and a .NET child (the targets' ports). `pipe` is the ceiling
a Connection is measured against: N writes of SIZE bytes to a bare os.pipe, a forked child reading them with readinto; `socketpair` the same over socket.socketpair(), the transport of a duplex
Pipe() on Linux (CPython's and PyCompat's alike).
"""
import multiprocessing
import os
import socket
import sys
import time


def consume_queue(q, results):
    results.put("ready")
    count = 0
    while q.get() is not None:
        count += 1
    results.put(count)


def read_conn(conn, count):
    conn.send_bytes(b"ready")
    total = 0
    for _ in range(count):
        total += len(conn.recv_bytes())
    conn.send_bytes(str(total).encode())


def time_queue(n):
    q, results = multiprocessing.Queue(), multiprocessing.Queue()
    p = multiprocessing.Process(target=consume_queue, args=(q, results))
    p.start()
    results.get()
    start = time.perf_counter()
    for i in range(n):
        q.put(i)
    q.put(None)
    got = results.get()
    elapsed = time.perf_counter() - start
    p.join()
    assert got == n, got
    return elapsed


def time_conn(n, size):
    mine, theirs = multiprocessing.Pipe()
    p = multiprocessing.Process(target=read_conn, args=(theirs, n))
    p.start()
    mine.recv_bytes()
    payload = b"x" * size
    start = time.perf_counter()
    for _ in range(n):
        mine.send_bytes(payload)
    total = int(mine.recv_bytes())
    elapsed = time.perf_counter() - start
    p.join()
    assert total == n * size, total
    return elapsed


def time_pipe(n, size, transport="pipe"):
    if transport == "pipe":
        data_r, data_w = os.pipe()
    else:
        a, b = socket.socketpair()
        data_r, data_w = a.detach(), b.detach()
    ack_r, ack_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(data_w)
        os.close(ack_r)
        view = memoryview(bytearray(size))
        os.write(ack_w, b"r")
        total = 0
        with open(data_r, "rb", buffering=0) as f:
            while got := f.readinto(view):
                total += got
        os.write(ack_w, str(total).encode())
        os._exit(0)
    os.close(data_r)
    os.close(ack_w)
    os.read(ack_r, 1)
    payload = memoryview(b"x" * size)
    start = time.perf_counter()
    for _ in range(n):
        sent = 0
        while sent < size:
            sent += os.write(data_w, payload[sent:])
    os.close(data_w)
    answer = b""
    while chunk := os.read(ack_r, 64):
        answer += chunk
    elapsed = time.perf_counter() - start
    os.waitpid(pid, 0)
    assert int(answer) == n * size, answer
    return elapsed


if __name__ == "__main__":
    if sys.argv[1] == "queue":
        print(time_queue(int(sys.argv[2])))
    elif sys.argv[1] in ("pipe", "socketpair"):
        print(time_pipe(int(sys.argv[2]), int(sys.argv[3]), sys.argv[1]))
    else:
        print(time_conn(int(sys.argv[2]), int(sys.argv[3])))
