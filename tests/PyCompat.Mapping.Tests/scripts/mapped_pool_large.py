"""Results and arguments larger than one pickle frame and one 16 KiB message, through a CPython Pool: ported
functions (big_bytes, big_list, length, triple) and an unported one (big_bytes_py); python3 and pycompat run --map
must print the same lines.
"""
import hashlib
import multiprocessing
import sys

TEN_MB = 10 * 1024 * 1024
MILLION = 1000 * 1000


def big_bytes(n):
    return bytes(range(256)) * (n // 256)


def big_bytes_py(n):
    return bytes(range(256)) * (n // 256)


def big_list(n):
    return list(range(n))


def length(data):
    return len(data)


def triple(x):
    return 3 * x


def describe_bytes(data):
    return "%s %d %s" % (type(data).__name__, len(data), hashlib.sha256(data).hexdigest())


def describe_list(values):
    return "%s %d %d %r %r" % (type(values).__name__, len(values), sum(values), values[:3], values[-1])


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print("bytes result", describe_bytes(pool.apply(big_bytes, (TEN_MB,))))
        print("bytes result unported", describe_bytes(pool.apply(big_bytes_py, (TEN_MB,))))
        print("list result", describe_list(pool.apply(big_list, (MILLION,))))
        print("list results by map", [describe_list(v) for v in pool.map(big_list, [MILLION, MILLION // 2], 1)])
        print("bytes argument", pool.apply(length, (b"x" * TEN_MB,)))
        print("list argument", pool.apply(length, (list(range(MILLION)),)))
        results = pool.map(triple, range(MILLION), MILLION // 2)
        print("two chunks of half a million", len(results), sum(results))
    sys.stdout.flush()
