"""A ProcessPoolExecutor worker killed mid-task: the parent raises BrokenProcessPool for the task and for every later
submit, as with CPython's workers, and nothing is left running.
"""
import concurrent.futures
import multiprocessing
import os
import signal
import sys
import time


def worker_pid(x):
    return os.getpid()


def stall(seconds):
    time.sleep(seconds)
    return seconds


if __name__ == "__main__":
    executor = concurrent.futures.ProcessPoolExecutor(1)
    pid = executor.submit(worker_pid, 0).result(60)
    lost = executor.submit(stall, 30)
    time.sleep(0.5)
    os.kill(pid, signal.SIGKILL)
    try:
        lost.result(60)
    except concurrent.futures.process.BrokenProcessPool as e:
        print("the task:", type(e).__name__, e)
    try:
        executor.submit(worker_pid, 1)
    except concurrent.futures.process.BrokenProcessPool as e:
        print("a later submit:", type(e).__name__, e)
    executor.shutdown(wait=True)
    print("left:", multiprocessing.active_children())
    sys.stdout.flush()
