"""A ProcessPoolExecutor whose initializer raises, ported (init_fails) and not (init_fails_py): the worker logs
"Exception in initializer:" with the traceback and ends, and the parent raises BrokenProcessPool, as with CPython's
workers.
"""
import concurrent.futures
import sys


def init_fails():
    raise ValueError("init failed")


def init_fails_py():
    raise ValueError("init failed")


def triple(x):
    return 3 * x


if __name__ == "__main__":
    for init in (init_fails, init_fails_py):
        with concurrent.futures.ProcessPoolExecutor(1, initializer=init) as executor:
            try:
                executor.submit(triple, 1).result(60)
            except concurrent.futures.process.BrokenProcessPool as e:
                print(init.__name__, type(e).__name__, e)
            sys.stdout.flush()
