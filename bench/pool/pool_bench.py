"""One round of the pool benchmark (bench/pool/compare.py runs it under python3 and under pycompat run --map).

CPU-bound: count_primes(limit) (trial division) for 8 limits through Pool(2).map, wall time. Tiny tasks: increment()
over N ints (argv[2], 4,000 by default) with chunksize 1 and with map's default chunksize, tasks per second. Prints one JSON line.
A map at the default chunksize is a few ms (8 chunks), shorter than a scheduling hiccup on a shared machine: it is timed
DEFAULT_REPEATS times and the median is reported (bench/PyCompat.Benchmarks/Throughput/PoolRows.cs does the same).
Under --map with the ports of bench/PyCompat.Benchmarks.Targets/PoolBenchPorts.cs the same Pool runs both functions
in .NET workers.
"""
import json
import multiprocessing
import statistics
import sys
import time

DEFAULT_REPEATS = 5


def count_primes(limit):
    count = 0
    for n in range(2, limit):
        d = 2
        prime = True
        while d * d <= n:
            if n % d == 0:
                prime = False
                break
            d += 1
        if prime:
            count += 1
    return count


def increment(x):
    return x + 1


if __name__ == "__main__":
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
    tiny = list(range(int(sys.argv[2]) if len(sys.argv) > 2 else 4000))
    with multiprocessing.Pool(2) as pool:
        pool.map(increment, range(8), 1)  # warm-up: every worker has started and run a task
        start = time.perf_counter()
        primes = pool.map(count_primes, [limit] * 8, 1)
        cpu = time.perf_counter() - start
        start = time.perf_counter()
        assert pool.map(increment, tiny, 1) == [x + 1 for x in tiny]
        one = len(tiny) / (time.perf_counter() - start)
        times = []
        for _ in range(DEFAULT_REPEATS):
            start = time.perf_counter()
            assert pool.map(increment, tiny) == [x + 1 for x in tiny]
            times.append(time.perf_counter() - start)
        default = len(tiny) / statistics.median(times)
    print(json.dumps({"primes": primes[0], "cpu_s": cpu, "tiny_chunk1_per_s": one, "tiny_default_per_s": default}))
