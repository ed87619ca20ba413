import multiprocessing
import sys


def child(lock, n, stream):
    with lock:
        stream.write('child {} has the lock\n'.format(n))


if __name__ == '__main__':
    lock = multiprocessing.Lock()
    jobs = [multiprocessing.Process(target=child, args=(lock, n, sys.stdout)) for n in range(2)]
    for p in jobs:
        p.start()
    for p in jobs:
        p.join()
    print('exit codes', [p.exitcode for p in jobs])
