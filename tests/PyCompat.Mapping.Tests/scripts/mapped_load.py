"""200 children at once, 100 lines each; under --map every child is a .NET worker (the port of printer)."""
import multiprocessing


def printer(child):
    for line in range(100):
        print("child %d line %d" % (child, line))


if __name__ == "__main__":
    children = [multiprocessing.Process(target=printer, args=(i,)) for i in range(200)]
    for p in children:
        p.start()
    for p in children:
        p.join()
