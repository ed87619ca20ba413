"""A Barrier passed to ported targets: three parties and the parent pass it together, then three parties are
broken by an abort once they all wait."""
import multiprocessing
import threading
import time


def party(barrier, n):
    barrier.wait(60)
    print("party", n, "passed, broken:", barrier.broken)


def aborted(barrier, n):
    try:
        barrier.wait(60)
        print("party", n, "passed")
    except threading.BrokenBarrierError:
        print("party", n, "got BrokenBarrierError, broken:", barrier.broken)


def run(target, abort):
    barrier = multiprocessing.Barrier(4)
    jobs = [multiprocessing.Process(target=target, args=(barrier, n)) for n in range(3)]
    for p in jobs:
        p.start()
    if abort:
        deadline = time.monotonic() + 60
        while barrier.n_waiting < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        barrier.abort()
    else:
        barrier.wait(60)
    for p in jobs:
        p.join()
    print("exit codes:", [p.exitcode for p in jobs], "broken:", barrier.broken)


if __name__ == "__main__":
    run(party, abort=False)
    run(aborted, abort=True)
