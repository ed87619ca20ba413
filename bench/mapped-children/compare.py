"""Per-child start+join, side by side: python3's fork, forkserver and spawn children against mapped .NET children.

usage: python3 bench/mapped-children/compare.py --pycompat PATH [--worker LABEL=PATH ...] [--count N] [--rounds R]

--pycompat is the pycompat apphost; its mapped rows use the JIT pycompat-worker beside it, and each --worker adds a
row with that worker host (PYCOMPAT_WORKER), e.g. --worker NativeAOT=DIR/pycompat-worker.

Every row runs bench/mapped-children/per_child.py (one child at a time, start then join, timed in the parent with
time.perf_counter, after 3 warm-up children). Rows are interleaved round by round so that machine noise hits them
alike; the table gives the median over all children of all rounds, and the spread of the per-round medians.
PYTHONUNBUFFERED is removed from every run's environment. Prints a Markdown table.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "per_child.py")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pycompat", required=True, help="the pycompat apphost (pycompat-worker beside it)")
    parser.add_argument("--worker", action="append", default=[], metavar="LABEL=PATH",
                        help="another pycompat-worker to compare (NativeAOT, ReadyToRun...); repeatable")
    parser.add_argument("--python", default=os.path.realpath(sys.executable), help="the interpreter (default: this one)")
    parser.add_argument("--count", type=int, default=20, help="timed children per run")
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "PYCOMPAT_WORKER", "PYCOMPAT_TARGETS")}
    pycompat = os.path.abspath(options.pycompat)
    rows = [
        ("python3, fork", [options.python, SCRIPT, "fork"], env),
        ("python3, forkserver", [options.python, SCRIPT, "forkserver"], env),
        ("python3, spawn", [options.python, SCRIPT, "spawn"], env),
        ("pycompat run (no --map), fork", [pycompat, "run", "--python", options.python, SCRIPT, "default"], env),
        ("pycompat run --map, JIT worker", [pycompat, "run", "--python", options.python, "--map", SCRIPT, "default"], env),
    ]
    for worker in options.worker:
        label, _, path = worker.partition("=")
        rows.append(("pycompat run --map, %s worker" % label,
                     [pycompat, "run", "--python", options.python, "--map", SCRIPT, "default"],
                     dict(env, PYCOMPAT_WORKER=os.path.abspath(path))))

    samples = {name: [] for name, _, _ in rows}
    round_medians = {name: [] for name, _, _ in rows}
    with tempfile.TemporaryDirectory() as temp:
        result = os.path.join(temp, "times")
        for _ in range(options.rounds):
            for name, command, run_env in rows:
                subprocess.run(command + [str(options.count), result], env=run_env, check=True,
                               stdout=subprocess.DEVNULL)
                with open(result) as f:
                    times = [float(line) * 1000 for line in f if line.strip()]
                samples[name].extend(times)
                round_medians[name].append(statistics.median(times))

    spawn = statistics.median(samples["python3, spawn"])
    print("| child | median per child [ms] | per-round medians [ms] | vs python3 spawn |")
    print("|---|---:|---:|---:|")
    for name, _, _ in rows:
        median = statistics.median(samples[name])
        low, high = min(round_medians[name]), max(round_medians[name])
        print("| %s | %.1f | %.1f-%.1f | %.2f |" % (name, median, low, high, median / spawn))
    print()
    print("%d rounds x %d children per row; %s" % (options.rounds, options.count, options.python))


if __name__ == "__main__":
    main()
