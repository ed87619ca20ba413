"""Peak memory of a CPython parent with N live children: CPython's side of the memory table.

usage: memory.py METHOD N WORKDIR RESULT.json
Each child writes WORKDIR/ready/<pid> and waits for WORKDIR/go; once all N are running the parent sums their PSS,
then lets them go, joins them and reports its own peak RSS (VmHWM).
"""
import json
import multiprocessing
import os
import sys
import time


def hold(ready_dir, go_file):
    open(os.path.join(ready_dir, str(os.getpid())), "w").close()
    deadline = time.monotonic() + 60
    while not os.path.exists(go_file) and time.monotonic() < deadline:
        time.sleep(0.005)


def status_kb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    method, n, work, result = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    ready, go = os.path.join(work, "ready"), os.path.join(work, "go")
    os.makedirs(ready, exist_ok=True)
    ctx = multiprocessing.get_context(method)
    start = time.perf_counter()
    jobs = [ctx.Process(target=hold, args=(ready, go)) for _ in range(n)]
    for p in jobs:
        p.start()
    while len(os.listdir(ready)) < n:
        if any(p.exitcode not in (None, 0) for p in jobs):
            sys.exit("memory.py: a child failed")
        time.sleep(0.005)
    all_running = time.perf_counter() - start
    children_pss = sum(pss_kb(p.pid) for p in jobs)
    parent_pss = pss_kb(os.getpid())
    open(go, "w").close()
    for p in jobs:
        p.join()
    with open(result, "w") as f:
        json.dump({"parent_peak_kb": status_kb(os.getpid(), "VmHWM"), "parent_pss_kb": parent_pss,
                   "children_pss_kb": children_pss, "all_running_ms": all_running * 1000.0}, f)


if __name__ == "__main__":
    main()
