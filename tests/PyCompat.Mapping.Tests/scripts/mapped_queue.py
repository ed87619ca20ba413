"""A ported target given a Queue runs in .NET and puts on the parent's queue; with plain values too."""
import multiprocessing


def put(queue, value):
    queue.put(value)


def show(value):
    print("shown:", value)


if __name__ == "__main__":
    queue = multiprocessing.Queue()
    p = multiprocessing.Process(target=put, args=(queue, "from a child"))
    p.start()
    print("got:", queue.get())
    p.join()
    print("put exitcode:", p.exitcode)
    p = multiprocessing.Process(target=show, args=("plain",))
    p.start()
    p.join()
    print("show exitcode:", p.exitcode)
