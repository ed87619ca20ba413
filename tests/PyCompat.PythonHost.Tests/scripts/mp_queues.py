# Queue and JoinableQueue between a parent and workers.
import multiprocessing


def square(inbox, outbox):
    while True:
        item = inbox.get()
        if item is None:
            inbox.task_done()
            break
        outbox.put((item, item * item))
        inbox.task_done()


if __name__ == "__main__":
    inbox = multiprocessing.JoinableQueue()
    outbox = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=square, args=(inbox, outbox)) for _ in range(3)]
    for w in workers:
        w.start()
    for i in range(10):
        inbox.put(i)
    for _ in workers:
        inbox.put(None)
    inbox.join()
    results = sorted(outbox.get() for _ in range(10))
    print("results", results)
    for w in workers:
        w.join()
    print("exitcodes", [w.exitcode for w in workers])
