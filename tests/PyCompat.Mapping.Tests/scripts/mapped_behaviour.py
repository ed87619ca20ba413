"""What a parent sees of a child, and what the child sees of itself, printed so python3 and `pycompat run --map`
can be compared line by line. Every target here has a C# port in TestTargets/BehaviourPorts.cs.

usage: mapped_behaviour.py TEMP_DIR
"""
import multiprocessing
import os
import sys
import time


def identity(path):
    """Writes what the child knows of itself and its parent."""
    me = multiprocessing.current_process()
    parent = multiprocessing.parent_process()
    with open(path, "w") as f:
        f.write("%s\n%d\n%d\n%d\n%s\n%s\n" % (me.name, os.getpid(), os.getppid(), parent.pid, parent.name, me.daemon))
    with open(path + ".exe", "w") as f:
        f.write(sys.executable)


def sleep_forever():
    while True:
        time.sleep(1)


def mark_then_sleep(path):
    open(path, "w").close()
    sleep_forever()


def exit_with(code):
    sys.exit(code)


def fail(message):
    raise ValueError(message)


def say(text):
    print(text)


def late(text, delay):
    time.sleep(delay)
    print(text)


if __name__ == "__main__":
    path = os.path.join(sys.argv[1], "identity")
    p = multiprocessing.Process(target=identity, args=(path,), name="Identity-7", daemon=True)
    print("before start: pid", p.pid, "exitcode", p.exitcode, "alive", p.is_alive())
    print("name:", p.name, "daemon:", p.daemon)
    p.start()
    p.join(60)
    name, pid, ppid, parent_pid, parent_name, daemon = open(path).read().split("\n")[:6]
    print("child's name:", name)
    print("child's pid is p.pid:", int(pid) == p.pid)
    print("child's os.getppid() is the parent's pid:", int(ppid) == os.getpid())
    print("child's parent_process().pid is the parent's pid:", int(parent_pid) == os.getpid())
    print("child's parent_process().name:", parent_name)
    print("child's daemon:", daemon)
    print("exitcode:", p.exitcode, "alive:", p.is_alive())

    p = multiprocessing.Process(target=sleep_forever)
    p.start()
    print("sleeper alive after start:", p.is_alive(), "pid is an int:", isinstance(p.pid, int))
    p.join(0.3)
    print("after join(0.3):", p.exitcode, p.is_alive())
    p.terminate()
    p.join(60)
    print("after terminate:", p.exitcode, p.is_alive())

    for code in (0, 3, 255):
        p = multiprocessing.Process(target=exit_with, args=(code,))
        p.start()
        p.join(60)
        print("sys.exit(%d):" % code, p.exitcode)

    p = multiprocessing.Process(target=fail, args=("boom",), name="Failing")
    p.start()
    p.join(60)
    print("raised:", p.exitcode)

    p = multiprocessing.Process(target=say, kwargs={"text": "said by a child"})
    p.start()
    p.join(60)
    print("said:", p.exitcode)

    # Not joined: the exit-time handler joins it, as for a Python child, so its line comes before the parent ends.
    multiprocessing.Process(target=late, args=("printed late, joined at exit", 0.5)).start()
    # A daemon is terminated at exit (once it is surely running).
    mark = os.path.join(sys.argv[1], "daemon-running")
    d = multiprocessing.Process(target=mark_then_sleep, args=(mark,), daemon=True)
    d.start()
    while not os.path.exists(mark):
        time.sleep(0.01)
    print("daemon alive:", d.is_alive(), "children:", len(multiprocessing.active_children()))
