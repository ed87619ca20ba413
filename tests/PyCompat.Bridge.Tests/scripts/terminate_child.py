"""Starts a sleeping child with the start method in argv[1], terminates it, and reports what the parent saw."""
import multiprocessing
import sys
import time


def sleeper():
    time.sleep(30)


if __name__ == "__main__":
    multiprocessing.set_start_method(sys.argv[1])
    print("start method:", multiprocessing.get_start_method())
    child = multiprocessing.Process(target=sleeper, name="sleeper")
    child.start()
    print("alive after start:", child.is_alive())
    child.terminate()
    child.join()
    print("exit code after terminate:", child.exitcode)
    print("parent still here")
