# Exit codes as the parent sees them: return, sys.exit(n), sys.exit(msg), an exception, os._exit.
import multiprocessing
import os
import sys


def returns():
    return 42


def exits(code):
    sys.exit(code)


def raises():
    raise ValueError("boom in the child")


def hard_exit():
    os._exit(7)


if __name__ == "__main__":
    cases = [
        ("returns", returns, ()),
        ("exit0", exits, (0,)),
        ("exit3", exits, (3,)),
        ("exitmsg", exits, ("a message",)),
        ("raises", raises, ()),
        ("hard", hard_exit, ()),
    ]
    for name, target, args in cases:
        p = multiprocessing.Process(target=target, args=args, name=name)
        p.start()
        p.join()
        print(name, p.exitcode)
