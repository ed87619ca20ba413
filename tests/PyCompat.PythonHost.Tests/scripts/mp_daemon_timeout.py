# Daemon processes, join with a timeout, is_alive; a daemon still running at exit is terminated.
import multiprocessing
import time


def quick():
    print("quick daemon ran", multiprocessing.current_process().daemon)


def slow():
    time.sleep(30)
    print("never printed")


if __name__ == "__main__":
    d = multiprocessing.Process(target=quick, daemon=True)
    d.start()
    d.join()
    s = multiprocessing.Process(target=slow, name="slow", daemon=True)
    s.start()
    s.join(timeout=0.2)
    print("slow alive after join(0.2):", s.is_alive(), "exitcode", s.exitcode)
    print("main exits; the slow daemon is terminated")
