"""A plain CPython parent sharing its connections and queues with .NET children (the worker host, through a spawn
context whose executable is pycompat-worker) and with CPython children (spawn), at the same time.

usage: queue_parent.py WORKER SCENARIO TEMP_DIR [ARGS...]
"""
import multiprocessing
import os
import sys

worker, scenario, temp = sys.argv[1:4]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import queue_ports  # noqa: E402

dotnet = multiprocessing.get_context("spawn")
dotnet.set_executable(worker)
python = multiprocessing.get_context("forkserver")


def start(kind, target, *args):
    p = (dotnet if kind == "dotnet" else python).Process(target=target, args=args)
    p.start()
    return p


def join(children):
    for p in children:
        p.join(120)
    print("exit codes:", [p.exitcode for p in children])


def echo():
    for kind in ("dotnet", "python"):
        mine, theirs = multiprocessing.Pipe()
        child = start(kind, queue_ports.echo, theirs)
        mine.send([kind, 1, 2.5])
        print(kind, mine.recv())
        join([child])


def simple_echo():
    for kind in ("dotnet", "python"):
        inbox, outbox = dotnet.SimpleQueue(), dotnet.SimpleQueue()
        child = start(kind, queue_ports.simple_echo, inbox, outbox)
        inbox.put({kind: (1, 2)})
        print(kind, outbox.get())
        join([child])


def read_items(paths):
    items = []
    for path in paths:
        with open(path) as f:
            items.extend(int(line) for line in f)
    return items


def mixed(per_producer, batch):
    """Producers and consumers of both kinds on one bounded Queue; the parent checks that each item came once."""
    per_producer, batch = int(per_producer), int(batch)
    q = dotnet.Queue(64)
    kinds = ("dotnet", "python", "dotnet", "python")
    paths = [os.path.join(temp, "consumer-%d-%s" % (i, kind)) for i, kind in enumerate(kinds)]
    consumers = [start(kind, queue_ports.consume, q, path) for kind, path in zip(kinds, paths)]
    producers = [start(kind, queue_ports.produce, q, i * per_producer, per_producer, batch) for i, kind in enumerate(kinds)]
    join(producers)
    for _ in consumers:
        q.put(None)
    join(consumers)
    items = read_items(paths)
    print("items:", len(items), "distinct:", len(set(items)), "all:", sorted(items) == list(range(len(kinds) * per_producer)))
    for kind in ("dotnet", "python"):
        print(kind, "consumers got some:", len(read_items([p for p in paths if p.endswith(kind)])) > 0)


def joinable(tasks):
    """join() returns only once every task got by children of both kinds has had its task_done()."""
    tasks = int(tasks)
    q = dotnet.JoinableQueue()
    kinds = ("dotnet", "python")
    paths = [os.path.join(temp, "tasks-" + kind) for kind in kinds]
    children = [start(kind, queue_ports.do_tasks, q, path) for kind, path in zip(kinds, paths)]
    for i in range(tasks):
        q.put(i)
    for _ in children:
        q.put(None)
    q.join()
    done = read_items([p for p in paths if os.path.exists(p)])
    print("done when join returned:", len(done), "distinct:", len(set(done)))
    join(children)


def timeouts():
    for kind in ("dotnet", "python"):
        path = os.path.join(temp, "timeouts-" + kind)
        q = dotnet.Queue(1)  # kept: start() drops the process's reference to its args
        join([start(kind, queue_ports.try_timeouts, q, path)])
        print(kind, open(path).read())


if __name__ == "__main__":
    globals()[scenario](*sys.argv[4:])
