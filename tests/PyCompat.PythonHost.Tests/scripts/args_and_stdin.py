# Script arguments (even ones that look like options) and standard input reach the script untouched.
import multiprocessing
import sys


def child(argv):
    print("child sees", argv)


if __name__ == "__main__":
    print("argv[1:]", sys.argv[1:])
    for line in sys.stdin:
        print("stdin:", line.rstrip("\n"))
    p = multiprocessing.Process(target=child, args=(sys.argv[1:],))
    p.start()
    p.join()
