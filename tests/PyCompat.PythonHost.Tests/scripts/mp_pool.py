# Pool: map, apply_async, starmap; workers print their names.
import multiprocessing


def cube(x):
    return x * x * x


def add(a, b):
    return a + b


def whoami(_):
    return "PoolWorker" in multiprocessing.current_process().name


if __name__ == "__main__":
    with multiprocessing.Pool(processes=2) as pool:
        print("map", pool.map(cube, range(8)))
        pending = [pool.apply_async(add, (i, 10)) for i in range(4)]
        print("apply_async", [r.get(timeout=30) for r in pending])
        print("starmap", pool.starmap(add, [(1, 2), (3, 4)]))
        print("pool worker names look right", all(pool.map(whoami, range(4))))
