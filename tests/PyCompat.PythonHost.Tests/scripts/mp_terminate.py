# terminate() kills only the child: exitcode -SIGTERM, the parent goes on.
import multiprocessing
import time


def sleeper():
    time.sleep(30)


if __name__ == "__main__":
    p = multiprocessing.Process(target=sleeper)
    p.start()
    p.terminate()
    p.join()
    print("exitcode", p.exitcode, "alive", p.is_alive())
    q = multiprocessing.Process(target=sleeper, name="late")
    q.start()
    time.sleep(0.2)
    q.terminate()
    q.join()
    print(q.name, "exitcode", q.exitcode)
    print("parent still here")
