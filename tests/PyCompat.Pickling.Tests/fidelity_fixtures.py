"""Fixtures for the string and Python 2 name tests, made by CPython at test time (standard library only).

Usage: python3 fidelity_fixtures.py MODE < request.json > answer.json

  strings      request: list of Python str expressions. Answer: for each, its code points, repr(), the hex of
               value.encode('utf-8', 'surrogatepass'), and CPython's pickle of it at protocols 0-5 (base64).
  bad_strings  no request. Pickles whose str CPython refuses (invalid UTF-8, bad raw-unicode-escape escapes), each
               with the offset of the failing opcode and CPython's exception, as {"pickle", "offset", "error"}.
  load_strings request: list of {"id", "pickle", "expr"}. Answers whether pickle.loads gives a value of expr's type
               equal to expr, as {"id", "ok", "error"}.
  names        no request. This CPython's _compat_pickle tables, and for every entry both ways: the pickle to read
               with what CPython's Unpickler looks up, and what CPython's Pickler writes (pickletools.optimize'd)
               for the global at protocols 2 and 3.
  odd_globals  no request. Globals with a non-ASCII name and with a lone surrogate in the name: at protocols 2-5,
               the error CPython's Pickler raises, or null when it writes the global, as {"index", "protocol",
               "error"}; "names" lists the (module, name) pairs as code points.
  load_globals request: list of {"id", "index", "pickle"}. Whether pickle.loads gives the odd global of that index.
"""
import base64
import importlib
import json
import pickle
import pickletools
import sys
import types

import _compat_pickle

PROBE = "PyCompatProbe"  # a name no table entry has, to test the module-only mappings


def b64(data):
    return base64.b64encode(data).decode("ascii")


def strings(exprs):
    out = []
    for expr in exprs:
        value = eval(expr)
        out.append({"expr": expr, "code_points": [ord(c) for c in value], "repr": repr(value),
                    "utf8": value.encode("utf-8", "surrogatepass").hex(),
                    "pickles": [b64(pickle.dumps(value, p)) for p in range(pickle.HIGHEST_PROTOCOL + 1)]})
    return out


def bad_strings():
    import struct
    payloads = [b"\xff", b"a\xed\xa0", b"\xc3\x28", b"ok\x80", b"\xf8\x88\x80\x80\x80", b"\xe0\x80\x80",
                b"\xf4\x90\x80\x80", b"\xed\xa0\x80\xff"]
    cases = []
    for payload in payloads:
        cases.append(b"\x80\x02X" + struct.pack("<I", len(payload)) + payload + b".")
        cases.append(b"\x80\x04\x8c" + bytes([len(payload)]) + payload + b".")
        cases.append(b"\x80\x04\x8d" + struct.pack("<Q", len(payload)) + payload + b".")
    for line in [b"ab\\u00", b"\\U00110000", b"x\\U0001f6", b"\\u12g4"]:
        cases.append(b"V" + line + b"\n.")
    cases.append(b"\x80\x02c\xff\nname\n.")
    cases.append(b"\x80\x02cbuiltins\n\xc3\x28\n.")
    out = []
    for data in cases:
        offset = 2 if data.startswith(b"\x80") else 0
        try:
            pickle.loads(data)
            error = None
        except Exception as e:
            error = f"{type(e).__name__}: {e}"
        out.append({"pickle": b64(data), "offset": offset, "error": error})
    return out


def load_strings(cases):
    out = []
    for case in cases:
        try:
            value = pickle.loads(base64.b64decode(case["pickle"]))
            expected = eval(case["expr"])
            ok = type(value) is type(expected) and value == expected
            out.append({"id": case["id"], "ok": ok, "error": None if ok else f"loaded {value!r}"})
        except Exception as e:
            out.append({"id": case["id"], "ok": False, "error": f"{type(e).__name__}: {e}"})
    return out


def find_class_names(module, name, protocol):
    """What CPython's Unpickler.find_class looks up for GLOBAL module name (fix_imports=True)."""
    if protocol < 3:
        if (module, name) in _compat_pickle.NAME_MAPPING:
            return _compat_pickle.NAME_MAPPING[(module, name)]
        if module in _compat_pickle.IMPORT_MAPPING:
            return _compat_pickle.IMPORT_MAPPING[module], name
    return module, name


def cpython_resolves(module, name, data):
    """Whether CPython itself loads data as getattr(module, name), or None when that global does not exist here."""
    try:
        expected = getattr(importlib.import_module(module), name)
    except Exception:
        return None
    try:
        return pickle.loads(data) is expected
    except Exception:
        return False


def with_global(module, name, action):
    """Runs action(obj) while module.name is a fresh class CPython pickles by that name (the module is faked when
    it cannot be imported here), so CPython's Pickler can be asked what it writes for any global."""
    try:
        mod = importlib.import_module(module)
        fake_module = False
    except Exception:
        mod = types.ModuleType(module)
        sys.modules[module] = mod
        fake_module = True
    missing = object()
    old = mod.__dict__.get(name, missing)
    obj = type(name, (), {})
    obj.__module__, obj.__qualname__ = module, name
    setattr(mod, name, obj)
    try:
        return action(obj)
    finally:
        if fake_module:
            del sys.modules[module]
        elif old is missing:
            delattr(mod, name)
        else:
            setattr(mod, name, old)


def names():
    c = _compat_pickle
    reads = []
    # Python 2 pickles: GLOBAL with each Python 2 name, at protocol 2 (mapped) and 3 (not mapped).
    py2_globals = [k for k in c.NAME_MAPPING] + [(m, PROBE) for m in c.IMPORT_MAPPING]
    for module, name in py2_globals:
        for protocol in (2, 3):
            data = bytes([0x80, protocol]) + b"c" + f"{module}\n{name}\n".encode("ascii") + b"."
            target = find_class_names(module, name, protocol)
            reads.append({"pickle": b64(data), "protocol": protocol, "module": target[0], "name": target[1],
                          "cpython_resolves": cpython_resolves(*target, data)})
    writes = []
    py3_globals = [k for k in c.REVERSE_NAME_MAPPING] + [(m, PROBE) for m in c.REVERSE_IMPORT_MAPPING]
    for module, name in py3_globals:
        for protocol in (2, 3):
            # Only the pickling runs while the name is replaced (it may be a builtin pickletools itself uses).
            written = pickletools.optimize(with_global(module, name, lambda obj: pickle.dumps(obj, protocol)))
            writes.append({"module": module, "name": name, "protocol": protocol, "pickle": b64(written)})
            # What CPython wrote is a pickle to read too: under the name CPython's Unpickler looks up.
            op, arg, _ = [x for x in pickletools.genops(written) if x[0].name == "GLOBAL"][0]
            target = find_class_names(*arg.split(" ", 1), protocol)
            reads.append({"pickle": b64(written), "protocol": protocol, "module": target[0], "name": target[1],
                          "cpython_resolves": cpython_resolves(*target, written)})
    sample = [int, range, ValueError]
    return {
        "tables": {"name": [[*k, *v] for k, v in c.NAME_MAPPING.items()],
                   "import": [[k, v] for k, v in c.IMPORT_MAPPING.items()],
                   "rname": [[*k, *v] for k, v in c.REVERSE_NAME_MAPPING.items()],
                   "rimport": [[k, v] for k, v in c.REVERSE_IMPORT_MAPPING.items()]},
        "reads": reads,
        "writes": writes,
        "sample": {"pickle": b64(pickle.dumps(sample, 2)),
                   "names": [[o.__module__, o.__qualname__] for o in sample]},
    }


ODD_GLOBALS = [("pycompat_probe", "caf\xe9"), ("pycompat_probe", "a\ud800"), ("pycompat_pr\xf6be", "f")]


def odd_globals():
    out = []
    for index, (module, name) in enumerate(ODD_GLOBALS):
        for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
            try:
                with_global(module, name, lambda obj: pickle.dumps(obj, protocol))
                out.append({"index": index, "protocol": protocol, "error": None})
            except Exception as e:
                out.append({"index": index, "protocol": protocol, "error": f"{type(e).__name__}: {e}"})
    return {"names": [[[ord(c) for c in module], [ord(c) for c in name]] for module, name in ODD_GLOBALS],
            "cases": out}


def load_globals(cases):
    out = []
    for case in cases:
        module, name = ODD_GLOBALS[case["index"]]
        data = base64.b64decode(case["pickle"])
        try:
            ok = with_global(module, name, lambda obj: pickle.loads(data) is obj)
            out.append({"id": case["id"], "ok": ok, "error": None if ok else "loaded another object"})
        except Exception as e:
            out.append({"id": case["id"], "ok": False, "error": f"{type(e).__name__}: {e!r}"})
    return out


def main():
    mode = sys.argv[1]
    if mode == "strings":
        answer = strings(json.load(sys.stdin))
    elif mode == "bad_strings":
        answer = bad_strings()
    elif mode == "load_strings":
        answer = load_strings(json.load(sys.stdin))
    elif mode == "names":
        answer = names()
    elif mode == "odd_globals":
        answer = odd_globals()
    elif mode == "load_globals":
        answer = load_globals(json.load(sys.stdin))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
