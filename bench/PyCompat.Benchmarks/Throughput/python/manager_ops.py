"""Manager dict operations per second: CPython's side of the manager rows (Throughput/ManagerRows.cs).

usage: manager_ops.py local N          a SyncManager of this process's own, N sets then N gets; prints the seconds
       manager_ops.py serve KEYHEX     serves a SyncManager, prints its address as JSON, ends when stdin closes
       manager_ops.py client ADDRESS KEYHEX N   the same N sets and N gets against the server at ADDRESS (JSON)

The operations (one round trip each): d[i % 64] = i, then d[i % 64], for i in range(N); the time is from the first set
to the last get's reply, the dict proxy already made. The C# side does the same (ManagerRows.cs).
"""
import json
import sys
import time
from multiprocessing.managers import SyncManager


def operations(d, n):
    start = time.perf_counter()
    for i in range(n):
        d[i % 64] = i
    total = 0
    for i in range(n):
        total += d[i % 64]
    elapsed = time.perf_counter() - start
    # After the sets, key k holds the last i with i % 64 == k; the gets add those up once per pass over the keys.
    last = {i % 64: i for i in range(n)}
    expected = sum(last[i % 64] for i in range(n))
    assert total == expected, (total, expected)
    return elapsed


def address(text):
    value = json.loads(text)
    return value if isinstance(value, str) else tuple(value)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "local":
        with SyncManager() as manager:
            print(operations(manager.dict(), int(sys.argv[2])))
    elif mode == "serve":
        manager = SyncManager(authkey=bytes.fromhex(sys.argv[2]))
        manager.start()
        print(json.dumps(manager.address), flush=True)
        sys.stdin.read()
        manager.shutdown()
    else:
        manager = SyncManager(address=address(sys.argv[2]), authkey=bytes.fromhex(sys.argv[3]))
        manager.connect()
        print(operations(manager.dict(), int(sys.argv[4])))
