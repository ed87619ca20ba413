import multiprocessing


def set_event(event, lock):
    with lock:
        event.set()
        print('set_event: event.is_set() ->', event.is_set())


if __name__ == '__main__':
    # The parent ends at once: its exit unlinks the semaphores' names before it joins the child.
    multiprocessing.Process(
        target=set_event,
        args=(multiprocessing.Event(), multiprocessing.Lock()),
    ).start()
