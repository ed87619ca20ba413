"""Targets that use multiprocessing's locks, events and conditions; SyncTargets.cs holds their C# ports."""
import os


def increment(lock, path, times):
    for _ in range(times):
        with lock:
            with open(path, "r+") as f:
                value = int(f.read() or "0")
                f.seek(0)
                f.write(str(value + 1))
                f.truncate()


def wait_event(event, ready, path):
    ready.release()
    woke = event.wait(60)
    with open(path, "w") as f:
        f.write("%s %s" % (woke, event.is_set()))


def wait_condition(cond, ready, path):
    with cond:
        ready.release()
        woke = cond.wait(60)
    with open(path, "w") as f:
        f.write(str(woke))


def try_acquire(lock, event, path):
    with open(path, "w") as f:
        f.write("%s %s" % (lock.acquire(True, 0.2), event.wait(0.2)))


def hold_forever(lock, ready):
    lock.acquire()
    ready.release()
    import time
    time.sleep(3600)


def report_pid(path):
    with open(path, "w") as f:
        f.write(str(os.getpid()))


def write_to_fd(fd, text):
    os.write(fd, text.encode())
    os.close(fd)


def barrier_wait(barrier, path, timeout=None):
    import threading
    try:
        result = str(barrier.wait(timeout))
    except threading.BrokenBarrierError:
        result = "BrokenBarrierError"
    with open(path, "w") as f:
        f.write("%s %s" % (result, barrier.broken))


def lock_then_wait(barrier, path):
    """Creates a semaphore of its own (registered with the tracker its parent passed), then waits at the barrier."""
    import multiprocessing
    lock = multiprocessing.get_context("spawn").Lock()
    with open(path, "w") as f:
        f.write(lock._semlock.name)
    barrier.wait()


def leak_and_die(count):
    """Creates semaphores, then dies by SIGKILL: its resource tracker reports and unlinks them."""
    import multiprocessing
    import signal
    ctx = multiprocessing.get_context("spawn")
    locks = [ctx.Lock() for _ in range(count)]
    os.kill(os.getpid(), signal.SIGKILL)


def create_and_vanish(path):
    """Creates a semaphore and dies by SIGKILL before it can unlink it: only the resource tracker it registered the
    semaphore with (its parent's) removes it."""
    import multiprocessing
    import signal
    lock = multiprocessing.get_context("spawn").Lock()
    with open(path, "w") as f:
        f.write(lock._semlock.name)
    os.kill(os.getpid(), signal.SIGKILL)
