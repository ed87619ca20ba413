# Lock, Event, Condition and Semaphore across processes.
import multiprocessing


def count(lock, total, n):
    for _ in range(n):
        with lock:
            total.value += 1


def wait_for(event, name):
    event.wait(30)
    print(name, "saw the event")


def consumer(condition, ready):
    with condition:
        condition.wait_for(lambda: ready.value == 1, 30)
        print("consumer woke up")


def limited(semaphore, inside, peak, lock):
    with semaphore:
        with lock:
            inside.value += 1
            peak.value = max(peak.value, inside.value)
        multiprocessing.Event().wait(0.05)
        with lock:
            inside.value -= 1


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    total = multiprocessing.Value("i", 0, lock=False)
    workers = [multiprocessing.Process(target=count, args=(lock, total, 200)) for _ in range(4)]
    [w.start() for w in workers]
    [w.join() for w in workers]
    print("total", total.value)

    event = multiprocessing.Event()
    waiters = [multiprocessing.Process(target=wait_for, args=(event, "waiter-%d" % i)) for i in range(3)]
    [w.start() for w in waiters]
    event.set()
    [w.join() for w in waiters]

    condition = multiprocessing.Condition()
    ready = multiprocessing.Value("i", 0)
    c = multiprocessing.Process(target=consumer, args=(condition, ready))
    c.start()
    with condition:
        ready.value = 1
        condition.notify_all()
    c.join()

    semaphore = multiprocessing.Semaphore(2)
    inside = multiprocessing.Value("i", 0, lock=False)
    peak = multiprocessing.Value("i", 0, lock=False)
    guard = multiprocessing.Lock()
    limited_workers = [multiprocessing.Process(target=limited, args=(semaphore, inside, peak, guard)) for _ in range(5)]
    [w.start() for w in limited_workers]
    [w.join() for w in limited_workers]
    print("peak at most 2", peak.value <= 2)
