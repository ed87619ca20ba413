"""Two children sleep while the parent sleeps: a Ctrl-C reaches all three."""
import multiprocessing
import time


def sleeper():
    time.sleep(60)


if __name__ == "__main__":
    children = [multiprocessing.Process(target=sleeper) for _ in range(2)]
    for p in children:
        p.start()
    print("pids", *[p.pid for p in children], flush=True)
    time.sleep(60)
