"""CPython's side of the components table (Throughput/ComponentRows.cs): what one small queue item or pool task costs
in each step, timed in one process. Prints one line per step: NAME MICROSECONDS (the best of ROUNDS, per operation).

usage: components.py N ROUNDS
"""
import multiprocessing
import pickle
import sys
import time


def increment(x):
    return x + 1


def best(n, rounds, step):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        step(n)
        times.append(time.perf_counter() - start)
    return min(times) / n * 1e6


def main(n, rounds):
    item = pickle.dumps(12345, 4)
    task = pickle.dumps((7, 0, increment, (5,), {}), 4)
    result = (7, 0, (True, 6))
    lock = multiprocessing.Lock()
    reader, writer = multiprocessing.Pipe(duplex=False)
    message = b"x" * 8

    def loads_item(k):
        for _ in range(k):
            pickle.loads(item)

    def dumps_item(k):
        for _ in range(k):
            pickle.dumps(12345, 4)

    def loads_task(k):
        for _ in range(k):
            pickle.loads(task)

    def dumps_result(k):
        for _ in range(k):
            pickle.dumps(result, 4)

    def lock_pair(k):
        for _ in range(k):
            lock.acquire()
            lock.release()

    def pipe_pair(k):
        for _ in range(k):
            writer.send_bytes(message)
            reader.recv_bytes()

    for name, step in [("loads-item", loads_item), ("dumps-item", dumps_item), ("loads-task", loads_task),
                       ("dumps-result", dumps_result), ("lock", lock_pair), ("pipe", pipe_pair)]:
        print(name, "%.4f" % best(n, rounds, step), flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
