"""Runs a command in a session of its own, presses Ctrl-C (SIGINT to its process group) once it has started its
children, and reports how it ended and whether any child outlived it.

usage: sigint_driver.py COMMAND... (the command runs mp_sigint.py)
"""
import os
import signal
import subprocess
import sys
import time

env = dict(os.environ)
env.pop("PYTHONUNBUFFERED", None)
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                        start_new_session=True, env=env)
pids = [int(pid) for pid in proc.stdout.readline().split()[1:]]
time.sleep(0.5)  # let the children reach their sleep, as a person pressing Ctrl-C would
os.killpg(proc.pid, signal.SIGINT)
out, err = proc.communicate(timeout=60)


def running(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split()[2] != "Z"
    except OSError:
        return False


deadline = time.time() + 10
while any(running(pid) for pid in pids) and time.time() < deadline:
    time.sleep(0.05)
print("children started:", len(pids))
print("returncode:", proc.returncode)
print("children left running:", sum(running(pid) for pid in pids))
print("KeyboardInterrupt tracebacks:", err.count("KeyboardInterrupt"))
