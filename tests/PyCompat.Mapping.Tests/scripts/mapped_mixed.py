"""Some targets have C# ports and some do not: the ported ones run in .NET, the others in CPython, side by side.
Also a Pool (its workers run in .NET, its function square, which has no port, in their CPython helpers) and a Queue between Python processes.
"""
import multiprocessing


def ported(n):
    print("ported:", n)


def not_ported(n):
    print("not ported:", n)


def put_twice(queue, n):
    queue.put(n * 2)


def square(n):
    return n * n


if __name__ == "__main__":
    jobs = [multiprocessing.Process(target=ported, args=(i,)) for i in range(3)]
    jobs += [multiprocessing.Process(target=not_ported, args=(i,)) for i in range(3)]
    for p in jobs:
        p.start()
    for p in jobs:
        p.join()
    print("exit codes:", [p.exitcode for p in jobs])
    queue = multiprocessing.Queue()
    p = multiprocessing.Process(target=put_twice, args=(queue, 21))
    p.start()
    print("from the queue:", queue.get())
    p.join()
    with multiprocessing.Pool(2) as pool:
        print("pool:", pool.map(square, range(5)))
    print("start method:", multiprocessing.get_start_method())
