"""What CPython's own Pool returns, one line per call, for PoolTests to compare the C# Pool with."""
import multiprocessing
import os
import sys

TAG = "untagged"


def init(tag):
    global TAG
    TAG = tag


def triple(x):
    return 3 * x


def add(a, b):
    return a + b


def tagged(x):
    return "%s:%s" % (TAG, x)


def worker_pid(x):
    return os.getpid()


if __name__ == "__main__":
    chunksize = None if sys.argv[1] == "default" else int(sys.argv[1])
    data = list(range(int(sys.argv[2])))
    with multiprocessing.Pool(3, initializer=init, initargs=("w",)) as pool:
        print("map", pool.map(triple, data, chunksize))
        print("map_async", pool.map_async(triple, data, chunksize).get(60))
        print("starmap", pool.starmap(add, [(x, x * x) for x in data], chunksize))
        print("imap", list(pool.imap(triple, data, chunksize or 1)))
        print("imap_unordered", sorted(pool.imap_unordered(triple, data, chunksize or 1)))
        print("apply_async", [pool.apply_async(triple, (x,)).get(60) for x in data[:5]])
        print("initializer", sorted(set(pool.map(tagged, range(6), 1))))
    with multiprocessing.Pool(2, maxtasksperchild=1) as pool:
        workers = len(set(pool.map(worker_pid, range(6), 1)))
    # Printed once the pool is gone: with maxtasksperchild its handler thread keeps forking new workers, and one forked
    # between this print and the flush before the fork inherited the line unflushed and printed it again at its exit.
    print("distinct workers", workers)
