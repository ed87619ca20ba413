"""Faults of a CPython Pool whose functions have C# ports: a worker killed mid-task is replaced (its task is lost, as
in CPython), and terminate() while tasks run stops every worker without hanging.
"""
import multiprocessing
import os
import signal
import time

STARTED = None


def init(started):
    global STARTED
    STARTED = started


def stall(seconds):
    STARTED.set()
    time.sleep(seconds)
    return seconds


def triple(x):
    return 3 * x


if __name__ == "__main__":
    started = multiprocessing.Event()
    pool = multiprocessing.Pool(1, initializer=init, initargs=(started,))
    first = pool._pool[0]
    lost = pool.apply_async(stall, (30,))
    started.wait(60)
    os.kill(first.pid, signal.SIGKILL)
    try:
        lost.get(timeout=3)
    except multiprocessing.TimeoutError:
        print("the killed worker's task is lost: TimeoutError")
    print("replaced:", pool.apply(triple, (2,)), pool._pool[0] is not first, first.exitcode)
    started.clear()
    running = pool.map_async(stall, [30, 30])
    started.wait(60)
    workers = list(pool._pool)
    pool.terminate()
    pool.join()
    print("terminated:", running.ready(), [w.exitcode for w in workers], multiprocessing.active_children())
