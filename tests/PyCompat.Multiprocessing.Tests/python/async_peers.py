"""The other side of the awaitable waits' tests (AsyncWaitTests.cs): CPython children that send, connect, release,
finish tasks when the .NET parent lets them, and write what they did for the test to compare."""
from multiprocessing.connection import Client


def send_when(conn, go, path):
    value, raw = {"answer": 42, "items": [1, 2.5, "three"]}, b"raw bytes"
    with open(path, "w") as f:
        f.write("%r\n%r" % (value, raw))
    go.acquire()
    conn.send(value)
    go.acquire()
    conn.send_bytes(raw)
    conn.close()


def connect_and_send(address, authkey, path):
    value = ("from CPython", 3)
    with open(path, "w") as f:
        f.write(repr(value))
    with Client(address, authkey=authkey) as conn:
        conn.send(value)


def release_when(sem, go):
    go.acquire()
    sem.release()


def hold_until(lock, ready, go):
    lock.acquire()
    ready.release()
    go.acquire()
    lock.release()


def notify_until(cond, done):
    # A notify reaches only a party already waiting: notify again until the parent says it woke.
    while not done.acquire(timeout=0.05):
        with cond:
            cond.notify()


def finish_task(queue, go, path):
    go.acquire()
    item = queue.get()
    queue.task_done()
    with open(path, "w") as f:
        f.write(repr(item))


def timed_waits(path):
    """What CPython's blocking waits return when their timeout passes: the answers the awaitable ones must give."""
    import multiprocessing
    ctx = multiprocessing.get_context("spawn")
    lock, sem, event = ctx.Lock(), ctx.Semaphore(0), ctx.Event()
    lock.acquire()
    reader, writer = ctx.Pipe(duplex=False)
    with open(path, "w") as f:
        f.write("%r %r %r %r" % (lock.acquire(timeout=0.1), sem.acquire(timeout=0.1), event.wait(0.1), reader.poll(0.1)))
