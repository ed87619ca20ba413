"""A concurrent.futures.ProcessPoolExecutor whose tasks call functions with C# ports (init, triple, tagged, add, fail,
opaque, leave, worker_pid) and without (square, raise_unpicklable, init_py, tagged_py): python3 and pycompat run --map must
print the same lines, in order, on every CPython from 3.9.
"""
import concurrent.futures
import os
import pickle
import sys

TAG = "untagged"


def init(tag):
    global TAG
    TAG = tag


def init_py(tag):
    global TAG
    TAG = tag


def triple(x):
    return 3 * x


def tagged(x):
    return "%s:%s" % (TAG, x)


def tagged_py(x):
    return "%s:%s" % (TAG, x)


def add(a, b):
    return a + b


def square(x):
    return x * x


def fail(x):
    raise ValueError("bad %d" % x)


class Opaque:
    def __reduce__(self):
        raise pickle.PicklingError("cannot pickle Opaque")


def opaque(x):
    return Opaque()


class Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle Unpicklable")


def raise_unpicklable(x):
    raise Unpicklable("unpicklable %d" % x)


def leave(code):
    sys.exit(code)


def worker_pid(x):
    return os.getpid()


def outcome(future, message=True):
    """The result, or the exception's type, message and cause (a remote traceback with the worker's frames)."""
    try:
        return "result %r" % (future.result(60),)
    except Exception as e:
        cause = e.__cause__
        return "raises %s%s cause %s %s" % (type(e).__name__, "(%s)" % e if message else "", type(cause).__name__,
                                           "Traceback (most recent call last)" in str(cause))


if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(2, initializer=init, initargs=("w",)) as executor:
        print("submit", executor.submit(triple, 5).result(60), executor.submit(add, 2, b=3).result(60))
        print("submit unported", executor.submit(square, 6).result(60))
        for chunksize in (1, 4, 100):
            print("map", chunksize, list(executor.map(triple, range(10), chunksize=chunksize)))
            print("map unported", chunksize, list(executor.map(square, range(10), chunksize=chunksize)))
            print("map two iterables", chunksize, list(executor.map(add, range(5), range(5), chunksize=chunksize)))
        print("initializer", sorted(set(executor.map(tagged, range(6)))))
        print("fail", outcome(executor.submit(fail, 3)))
        # Only the types: CPython's and PyCompat's picklers word their refusal differently.
        print("unpicklable result", outcome(executor.submit(opaque, 3), message=False))
        print("unpicklable exception", outcome(executor.submit(raise_unpicklable, 3)))
        try:
            executor.submit(leave, 3).result(60)
        except SystemExit as e:
            print("sys.exit in a task", e.code, type(e.__cause__).__name__)
        try:
            list(executor.map(fail, range(4), chunksize=4))
        except ValueError as e:
            print("map raises", e)
    with concurrent.futures.ProcessPoolExecutor(1, initializer=init_py, initargs=("py",)) as executor:
        print("unported initializer", list(executor.map(tagged_py, range(3))), executor.submit(triple, 2).result(60))
    if sys.version_info >= (3, 11):
        with concurrent.futures.ProcessPoolExecutor(1, max_tasks_per_child=2) as executor:
            pids = [executor.submit(worker_pid, i).result(60) for i in range(6)]
            print("max_tasks_per_child=2: distinct workers", len(set(pids)), len(executor._processes) <= 1)
            mixed = [executor.submit(square if i % 2 else triple, i).result(60) for i in range(5)]
            print("max_tasks_per_child=2 mixed", mixed)
    sys.stdout.flush()
