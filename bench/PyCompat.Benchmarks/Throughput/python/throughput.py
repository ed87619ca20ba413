"""Throughput of CPython's queues and connections: CPython's side of the throughput table (Throughput/ThroughputSuite.cs),
and the Python targets a C# parent's CPython children run (ThroughputTargets.cs has the C# ports).

usage: throughput.py queue N | conn N SIZE
Prints the seconds from the parent's first put (send) to the child's acknowledgment of the last item.
"""
import multiprocessing
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


if __name__ == "__main__":
    if sys.argv[1] == "queue":
        print(time_queue(int(sys.argv[2])))
    else:
        print(time_conn(int(sys.argv[2]), int(sys.argv[3])))
