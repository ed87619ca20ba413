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
