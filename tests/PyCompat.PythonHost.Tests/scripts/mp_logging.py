# multiprocessing.log_to_stderr(): the library's own log lines on stderr, from parent and children.
import logging
import multiprocessing


def worker(i):
    multiprocessing.get_logger().info("worker %d says hello", i)
    print("worker", i)


if __name__ == "__main__":
    logger = multiprocessing.log_to_stderr()
    logger.setLevel(logging.INFO)
    jobs = [multiprocessing.Process(target=worker, args=(i,)) for i in range(3)]
    for j in jobs:
        j.start()
    for j in jobs:
        j.join()
    print("done")
