"""Start and join N processes, timed in the parent: CPython's side of the start+join table.

usage: startjoin.py METHOD N WARMUP ITERATIONS RESULT.json [EXECUTABLE]
The target is the book's multiprocessing_import_worker.worker (prints "Worker"), which the C# side runs as its port.
EXECUTABLE (set_executable, spawn only) makes each child the PyCompat worker host: the mapped child.
"""
import json
import multiprocessing
import resource
import sys
import time

import multiprocessing_import_worker


def main():
    method, n, warmup, iterations, result = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    ctx = multiprocessing.get_context(method)
    if len(sys.argv) > 6:
        ctx.set_executable(sys.argv[6])
    times = []
    cpu_before = None
    for i in range(warmup + iterations):
        if i == warmup:
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu_before = usage.ru_utime + usage.ru_stime
        # Warm-up operations start 2 processes (as the C# side's): enough to start the fork server and the like.
        count = 2 if i < warmup else n
        start = time.perf_counter()
        jobs = [ctx.Process(target=multiprocessing_import_worker.worker) for _ in range(count)]
        for p in jobs:
            p.start()
        for p in jobs:
            p.join()
        elapsed = time.perf_counter() - start
        bad = [p.exitcode for p in jobs if p.exitcode != 0]
        if bad:
            sys.exit(f"startjoin.py: children failed with exit codes {bad}")
        if i >= warmup:
            times.append(elapsed * 1000.0)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time of the reaped children (user + system), per child: steadier than wall time on a busy machine. Under
    # forkserver the children belong to the server, so this stays 0 there.
    child_cpu = (usage.ru_utime + usage.ru_stime - cpu_before) * 1000.0 / (n * iterations)
    with open(result, "w") as f:
        json.dump({"times_ms": times, "child_cpu_ms": child_cpu,
                   "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}, f)


if __name__ == "__main__":
    main()
