"""What CPython's own Pool returns for results and arguments larger than one pickle frame and one 16 KiB message, one
line per call, for PoolTests to compare the C# Pool with (the same functions as PoolTargets.BigBytes and BigList)."""
import hashlib
import multiprocessing

TEN_MB = 10 * 1024 * 1024
MILLION = 1000 * 1000


def big_bytes(n):
    return bytes(range(256)) * (n // 256)


def big_list(n):
    return list(range(n))


def length(data):
    return len(data)


def triple(x):
    return 3 * x


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        data = pool.apply(big_bytes, (TEN_MB,))
        print("bytes result", len(data), hashlib.sha256(data).hexdigest())
        values = pool.apply(big_list, (MILLION,))
        print("list result", len(values), sum(values), values[-1])
        print("bytes argument", pool.apply(length, (b"x" * TEN_MB,)))
        print("list argument", pool.apply(length, (list(range(MILLION)),)))
        results = pool.map(triple, range(MILLION), MILLION // 2)
        print("two chunks of half a million", len(results), sum(results))
