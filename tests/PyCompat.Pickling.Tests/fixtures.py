"""Fixtures for PyCompat.Pickling.Tests, made by CPython at test time (standard library only).

Usage: python3 fixtures.py MODE < request.json > answer.json

  dump         request: list of Python expressions. Answer: for each expression and protocol 0-5, the pickle
               (base64) and repr() of the value, as {"expr", "protocol", "pickle", "repr"}.
  load         request: list of {"id", "pickle", "check", "expected"}. pickle.loads each pickle into `v`, then
               answers {"id", "repr": repr(eval(check)), "expected": repr(eval(expected)), "error"}.
  spawn        no request. A real spawn-mode start: the preparation data and the process object, written back to
               back exactly as multiprocessing.popen_spawn_posix writes them down the child's pipe.
  refused      request: list of {"id", "code"}: a Python expression (pickle, pickletools, struct, datetime, decimal
               in scope) giving pickle bytes. Answer: {"id", "pickle", "error": "Type: message" from pickle.loads
               (null if it loaded), "pure": repr of pickle._loads (the pure-Python unpickler) or null}.
  pickletester no request. CPython's test.pickletester DATA0..DATA6 and repr() of the object they encode.
"""
import base64
import datetime
import decimal
import io
import json
import math
import pickle
import sys
from decimal import Decimal

NAMESPACE = {"datetime": datetime, "decimal": decimal, "Decimal": Decimal, "math": math}


def b64(data):
    return base64.b64encode(data).decode("ascii")


def dump(exprs):
    out = []
    for expr in exprs:
        value = eval(expr, dict(NAMESPACE))
        for protocol in range(0, pickle.HIGHEST_PROTOCOL + 1):
            out.append({"expr": expr, "protocol": protocol, "pickle": b64(pickle.dumps(value, protocol)),
                        "repr": repr(value)})
    return out


def load(cases):
    out = []
    for case in cases:
        answer = {"id": case["id"], "repr": None, "expected": None, "error": None}
        try:
            v = pickle.loads(base64.b64decode(case["pickle"]))
            answer["repr"] = repr(eval(case.get("check") or "v", dict(NAMESPACE, v=v)))
            answer["expected"] = repr(eval(case["expected"], dict(NAMESPACE, v=v)))
        except Exception as e:  # reported to the C# test, which fails with it
            answer["error"] = f"{type(e).__name__}: {e}"
        out.append(answer)
    return out


def refused(cases):
    import pickletools
    import struct
    out = []
    for case in cases:
        data = eval(case["code"], dict(NAMESPACE, pickle=pickle, pickletools=pickletools, struct=struct))
        answer = {"id": case["id"], "pickle": b64(data), "error": None, "pure": None}
        try:
            pickle.loads(data)
        except Exception as e:
            answer["error"] = f"{type(e).__name__}: {e}"
        try:
            answer["pure"] = repr(pickle._loads(data))
        except Exception:
            pass
        out.append(answer)
    return out


def target(*args):
    """The spawn fixture's target: a module-level function, so it pickles as the global __main__.target."""


def spawn():
    import multiprocessing
    from multiprocessing import context, reduction
    from multiprocessing import spawn as mp_spawn

    ctx = multiprocessing.get_context("spawn")
    process = ctx.Process(target=target, args=(1, "x"), name="Process-1")

    class SpawningPopen:  # AuthenticationString refuses to pickle unless a spawning Popen is set
        pass

    context.set_spawning_popen(SpawningPopen())
    try:
        prep = mp_spawn.get_preparation_data(process._name)
        first = io.BytesIO()
        reduction.dump(prep, first)
        second = io.BytesIO()
        reduction.dump(process, second)
    finally:
        context.set_spawning_popen(None)
    return {"preparation": b64(first.getvalue()), "process": b64(second.getvalue()),
            "authkey": process.authkey.hex(), "prep_keys": sorted(prep)}


def pickletester():
    from test import pickletester as pt

    names = [n for n in dir(pt) if n.startswith("DATA") and n[4:].isdigit()]
    data = {n: b64(getattr(pt, n)) for n in sorted(names)}
    return {"data": data, "repr": repr(pt.create_data())}


def main():
    mode = sys.argv[1]
    if mode == "dump":
        answer = dump(json.load(sys.stdin))
    elif mode == "load":
        answer = load(json.load(sys.stdin))
    elif mode == "refused":
        answer = refused(json.load(sys.stdin))
    elif mode == "spawn":
        answer = spawn()
    elif mode == "pickletester":
        answer = pickletester()
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
