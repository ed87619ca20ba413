"""A CPython Pool whose tasks call functions with C# ports (triple, tagged, fail, opaque, worker_pid, init) and
without (square, raise_unpicklable): python3 and pycompat run --map must print the same lines, in order.
"""
import multiprocessing
import os
import sys

TAG = "untagged"


def init(tag):
    global TAG
    TAG = tag


def triple(x):
    return 3 * x


def tagged(x):
    return "%s:%s" % (TAG, x)


def add(a, b):
    return a + b


def square(x):
    return x * x


def fail(x):
    raise ValueError("bad %d" % x)


class Opaque:
    def __reduce__(self):
        raise TypeError("cannot pickle Opaque")


def opaque(x):
    return Opaque()


class Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle Unpicklable")


def raise_unpicklable(x):
    raise Unpicklable("unpicklable %d" % x)


def worker_pid(x):
    return os.getpid()


if __name__ == "__main__":
    data = list(range(23))
    with multiprocessing.Pool(3, initializer=init, initargs=("w",)) as pool:
        for chunksize in (1, None, 1000):
            for name, func in (("triple", triple), ("square", square)):
                print(name, chunksize, "map", pool.map(func, data, chunksize))
                print(name, chunksize, "starmap", pool.starmap(add, [(x, func(x)) for x in data], chunksize))
                print(name, chunksize, "map_async", pool.map_async(func, data, chunksize).get(60))
                imap_chunks = chunksize or 1
                print(name, chunksize, "imap", list(pool.imap(func, data, imap_chunks)))
                print(name, chunksize, "imap_unordered", sorted(pool.imap_unordered(func, data, imap_chunks)))
        print("apply_async", [pool.apply_async(triple, (x,)).get(60) for x in range(5)])
        print("apply kwds", pool.apply(triple, (), {"x": 7}))
        print("initializer", sorted(set(pool.map(tagged, range(6), 1))))
        for func in (fail, opaque):
            result = pool.apply_async(func, (3,))
            result.wait(60)
            try:
                result.get()
            except Exception as e:
                print(func.__name__, result.ready(), result.successful(), type(e).__name__,
                      type(e.__cause__).__name__ if e.__cause__ else None)
        # An exception the worker cannot pickle fails the task as MaybeEncodingError (pool.py's worker).
        result = pool.apply_async(raise_unpicklable, (3,))
        try:
            result.get(60)
        except Exception as e:
            # value is the repr of the ExceptionWithTraceback that failed to pickle; its address differs run to run.
            print("raise_unpicklable", type(e).__name__, e.exc, e.value.split(" object at ")[0])
        try:
            # One chunk: with two, which failure map raises is whichever worker's result arrives first.
            pool.map(fail, range(4), 4)
        except ValueError as e:
            print("map raises", e)
    with multiprocessing.Pool(2, maxtasksperchild=1) as pool:
        print("maxtasksperchild=1: distinct workers", len(set(pool.map(worker_pid, range(6), 1))))
    sys.stdout.flush()
