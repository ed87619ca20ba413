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


if __name__ == "__main__":
    globals()[scenario](*sys.argv[4:])
