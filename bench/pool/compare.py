"""CPython's Pool with Python workers against the same Pool under pycompat run --map, whose functions have C# ports
(.NET workers). Rounds alternate between the two; prints the medians as a Markdown table.

    python3 bench/pool/compare.py --pycompat PATH/pycompat --targets PATH/PyCompat.Benchmarks.Targets.dll [--rounds 5] [--limit 200000] [--tiny 40000]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(command):
    env = dict(os.environ)
    env.pop("PYTHONUNBUFFERED", None)
    out = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pycompat", required=True)
    parser.add_argument("--targets", required=True)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=200000)
    parser.add_argument("--tiny", type=int, default=40000, help="how many tiny tasks each map sends")
    args = parser.parse_args()
    script = os.path.join(HERE, "pool_bench.py")
    rows = {
        "CPython Pool, Python workers (python3)": [args.python, script, str(args.limit), str(args.tiny)],
        "CPython Pool, .NET workers (pycompat run --map)": [args.pycompat, "run", "--map", "--targets", args.targets, script, str(args.limit), str(args.tiny)],
    }
    results = {name: [] for name in rows}
    for _ in range(args.rounds):
        for name, command in rows.items():
            results[name].append(run(command))
    primes = {r["primes"] for rs in results.values() for r in rs}
    assert len(primes) == 1, "the two kinds of worker disagree: %s" % primes
    print("| workers | CPU-bound: 8 x count_primes(%d) [s] | %d tiny tasks/s, chunksize 1 | %d tiny tasks/s, default chunksize |" % (args.limit, args.tiny, args.tiny))
    print("|---|---:|---:|---:|")
    for name, rs in results.items():
        print("| %s | %.2f | %.0f | %.0f |" % (
            name,
            statistics.median(r["cpu_s"] for r in rs),
            statistics.median(r["tiny_chunk1_per_s"] for r in rs),
            statistics.median(r["tiny_default_per_s"] for r in rs),
        ))


if __name__ == "__main__":
    main()
