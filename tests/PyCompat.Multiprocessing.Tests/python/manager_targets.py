"""Targets a C# parent starts in CPython children with manager proxies as arguments (ManagerTests.cs)."""


def increment(d, lock, times):
    for _ in range(times):
        with lock:
            d["n"] = d["n"] + 1
