"""A plain CPython parent sharing its Lock, Event and Condition with .NET children (the worker host, through a spawn
context whose executable is pycompat-worker) and with CPython children (fork), at the same time.

usage: sync_parent.py WORKER SCENARIO TEMP_DIR
"""
import multiprocessing
import os
import sys

worker, scenario, temp = sys.argv[1:4]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sync_ports  # noqa: E402

dotnet = multiprocessing.get_context("spawn")
dotnet.set_executable(worker)
python = multiprocessing.get_context("fork")


def start(kind, target, *args):
    p = (dotnet if kind == "dotnet" else python).Process(target=target, args=args)
    p.start()
    return p


def increment():
    path = os.path.join(temp, "counter")
    with open(path, "w") as f:
        f.write("0")
    lock = dotnet.Lock()
    children = [start(kind, sync_ports.increment, lock, path, 2500) for kind in ("dotnet", "python", "dotnet", "python")]
    for p in children:
        p.join(120)
    print("exit codes:", [p.exitcode for p in children])
    print("counter:", open(path).read())


def waiters(target, primitive, wake):
    ready = dotnet.Semaphore(0)
    paths = [os.path.join(temp, kind) for kind in ("dotnet", "python")]
    children = [start(kind, target, primitive, ready, path) for kind, path in zip(("dotnet", "python"), paths)]
    for _ in children:
        ready.acquire(True, 60)
    wake(primitive)
    for p in children:
        p.join(120)
    print("exit codes:", [p.exitcode for p in children])
    for path in paths:
        print(os.path.basename(path), open(path).read())


def notify_all(cond):
    with cond:
        cond.notify_all()


def timeout():
    lock, event = dotnet.Lock(), dotnet.Event()
    lock.acquire()
    paths = [os.path.join(temp, kind) for kind in ("dotnet", "python")]
    children = [start(kind, sync_ports.try_acquire, lock, event, path) for kind, path in zip(("dotnet", "python"), paths)]
    for p in children:
        p.join(120)
    print("exit codes:", [p.exitcode for p in children])
    for path in paths:
        print(os.path.basename(path), open(path).read())


def barrier(abort):
    """Two .NET and two CPython children and this parent at one barrier: the indexes, or the four broken by an abort
    once they all wait."""
    kinds = ("dotnet", "python", "dotnet", "python")
    b = dotnet.Barrier(len(kinds) + 1)
    paths = [os.path.join(temp, "%s%d" % (kind, i)) for i, kind in enumerate(kinds)]
    children = [start(kind, sync_ports.barrier_wait, b, path) for kind, path in zip(kinds, paths)]
    if abort:
        import time
        deadline = time.monotonic() + 60
        while b.n_waiting < len(kinds) and time.monotonic() < deadline:
            time.sleep(0.01)
        b.abort()
    else:
        print("parent", b.wait(60))
    for p in children:
        p.join(120)
    print("exit codes:", [p.exitcode for p in children])
    for path in paths:
        print(os.path.basename(path), open(path).read())


def vanish():
    """A .NET and a CPython child each create a semaphore and die by SIGKILL: this parent's resource tracker, whose fd
    both were given, is left to unlink them when this parent ends."""
    paths = [os.path.join(temp, kind) for kind in ("dotnet", "python")]
    children = [dotnet.Process(target=sync_ports.create_and_vanish, args=(paths[0],)),
                multiprocessing.get_context("spawn").Process(target=sync_ports.create_and_vanish, args=(paths[1],))]
    for p in children:
        p.start()
    for p in children:
        p.join(120)
    print("exit codes:", [p.exitcode for p in children])
    for path in paths:
        name = open(path).read()
        print(os.path.basename(path), name, "in /dev/shm:", os.path.exists("/dev/shm/sem." + name[1:]))


if __name__ == "__main__":
    if scenario == "increment":
        increment()
    elif scenario == "event":
        waiters(sync_ports.wait_event, dotnet.Event(), lambda e: e.set())
    elif scenario == "condition":
        waiters(sync_ports.wait_condition, dotnet.Condition(), notify_all)
    elif scenario in ("barrier", "barrier-abort"):
        barrier(scenario == "barrier-abort")
    elif scenario == "vanish":
        vanish()
    elif scenario == "timeout":
        timeout()
    else:
        sys.exit("unknown scenario " + scenario)
