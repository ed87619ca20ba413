"""Payloads of PyCompat's pickle benchmark, made by CPython at bench time (standard library only).

Usage: python3 payloads.py DIR REPEAT

Writes DIR/NAME-pPROTOCOL.pickle for the six payloads and protocols 2 and 5, then prints one JSON object per
pickle: {"name", "protocol", "size", "loads", "dumps"}, the two times being the best of REPEAT runs (seconds) of
CPython's C pickle.loads / pickle.dumps on that payload.
"""
import json
import os
import pickle
import sys
import timeit

PAYLOADS = {
    "tuple1-100k": lambda: [(i,) for i in range(100_000)],
    "int-list-1M": lambda: list(range(1_000_000)),
    "str-float-dict-100k": lambda: {f"key{i}": i * 0.5 for i in range(100_000)},
    "tuple5-100k": lambda: [(i, -i, i * 1.5, f"s{i}", None) for i in range(100_000)],
    "bytes-10MB": lambda: bytes(range(256)) * 40_960,
    "non-ascii-str-100k": lambda: [f"caf\u00e9 \u20ac{i} \u65e5\u672c" for i in range(100_000)],
}


def best(fn, repeat):
    number = 1
    while min(timeit.repeat(fn, number=number, repeat=1)) < 0.02 and number < 1000:
        number *= 2  # fast cases: time several calls together, as timeit's autorange does
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def main():
    out_dir, repeat = sys.argv[1], int(sys.argv[2])
    os.makedirs(out_dir, exist_ok=True)
    for name, make in PAYLOADS.items():
        value = make()
        for protocol in (2, 5):
            data = pickle.dumps(value, protocol)
            with open(os.path.join(out_dir, f"{name}-p{protocol}.pickle"), "wb") as f:
                f.write(data)
            loads = best(lambda: pickle.loads(data), repeat)
            dumps = best(lambda: pickle.dumps(value, protocol), repeat)
            print(json.dumps({"name": name, "protocol": protocol, "size": len(data), "loads": loads, "dumps": dumps}))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
