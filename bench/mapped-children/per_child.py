"""Start and join one child at a time and time each: the cost of a child as its parent sees it.

usage: per_child.py START_METHOD|default COUNT RESULT_FILE

The target is the book's `multiprocessing_import_worker.worker` (prints 'Worker'): it has a C# port built into the
worker host, so under `pycompat run --map` every child is a .NET child, JIT or NativeAOT, with no --targets needed.
Run it with stdout sent to /dev/null; the per-child times (seconds, one a line) go to RESULT_FILE.
"""
import multiprocessing
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "pyexamples"))
import multiprocessing_import_worker  # noqa: E402

WARM_UP = 3

if __name__ == "__main__":
    method, count, result = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if method != "default":
        multiprocessing.set_start_method(method)
    times = []
    for i in range(WARM_UP + count):
        started = time.perf_counter()
        p = multiprocessing.Process(target=multiprocessing_import_worker.worker)
        p.start()
        p.join()
        elapsed = time.perf_counter() - started
        if p.exitcode != 0:
            sys.exit("child %d ended with %s" % (i, p.exitcode))
        if i >= WARM_UP:  # the first children also start forkserver's server and spawn's resource tracker
            times.append(elapsed)
    with open(result, "w") as f:
        f.write("\n".join("%.6f" % t for t in times) + "\n")
