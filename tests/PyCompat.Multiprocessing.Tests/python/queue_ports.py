"""Targets that use multiprocessing's connections and queues; QueueTargets.cs holds their C# ports."""
import os
import queue
import time


def echo(conn):
    conn.send(("echo", conn.recv()))
    conn.close()


def simple_echo(inbox, outbox):
    outbox.put(("echo", inbox.get()))


def produce(q, start, count, batch):
    for first in range(start, start + count, batch):
        q.put(list(range(first, min(first + batch, start + count))))


def consume(q, path):
    with open(path, "w") as f:
        while True:
            items = q.get()
            if items is None:
                break
            f.write("".join("%d\n" % item for item in items))


def do_tasks(q, path):
    while True:
        task = q.get()
        if task is None:
            q.task_done()
            break
        time.sleep(0.01)
        with open(path, "a") as f:
            f.write("%s\n" % task)
        q.task_done()


def try_timeouts(q, path):
    results = []
    try:
        q.get(True, 0.2)
        results.append("got")
    except queue.Empty:
        results.append("Empty")
    try:
        q.get_nowait()
        results.append("got")
    except queue.Empty:
        results.append("Empty")
    q.put("first")
    try:
        q.put("second", True, 0.2)
        results.append("put")
    except queue.Full:
        results.append("Full")
    results.append(q.get())
    with open(path, "w") as f:
        f.write(" ".join(results))


def semantics():
    """Prints, one per line, CASE: what CPython's queues do for each case the C# queues must do the same way."""
    import multiprocessing
    import re

    def case(name, action):
        try:
            result = action()
            print("%s: ok %r" % (name, result))
        except Exception as e:
            print("%s: %s: %s" % (name, type(e).__name__, re.sub(r"<[^>]*>", "<queue>", str(e))))

    q = multiprocessing.Queue(2)
    case("get_nowait on empty", q.get_nowait)
    case("get with timeout on empty", lambda: q.get(True, 0.1))
    case("get without block on empty", lambda: q.get(False))
    case("put two", lambda: (q.put(1), q.put_nowait(2))[-1])
    case("qsize", q.qsize)
    case("full", q.full)
    case("put_nowait on full", lambda: q.put_nowait(3))
    case("put with timeout on full", lambda: q.put(3, True, 0.1))
    case("get one", q.get)
    case("get with timeout", lambda: q.get(True, 5))
    case("empty after getting all", q.empty)
    case("join_thread before close", q.join_thread)
    q.close()
    case("put after close", lambda: q.put(1))
    case("get after close", q.get)
    case("join_thread after close", q.join_thread)
    j = multiprocessing.JoinableQueue()
    j.put("task")
    case("joinable get", j.get)
    case("task_done", j.task_done)
    case("task_done too many", j.task_done)
    case("join with no task left", j.join)
    s = multiprocessing.SimpleQueue()
    case("simple empty", s.empty)
    s.put([1, "two"])
    case("simple get", s.get)
    s.close()
    case("simple get after close", s.get)


if __name__ == "__main__":
    import sys

    globals()[sys.argv[1]]()
