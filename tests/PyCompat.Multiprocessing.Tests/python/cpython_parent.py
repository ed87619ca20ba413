"""A plain CPython parent whose spawn children are the PyCompat worker host (multiprocessing.set_executable).

usage: cpython_parent.py WORKER PYEXAMPLES_DIR SCENARIO [TEMP_DIR]

WORKER "-" keeps CPython's own spawn children: the same scenario then shows what a plain Python child does.
"""
import multiprocessing
import os
import runpy
import sys

worker, pyexamples, scenario = sys.argv[1:4]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, pyexamples)


def behaviour(temp):
    import pyports
    import multiprocessing_simpleargs

    path = os.path.join(temp, "runtime")
    p = multiprocessing.Process(target=pyports.report_runtime, args=(path,))
    print("pid before start:", p.pid)
    p.start()
    p.join(30)
    runtime, pid = open(path).read().split()
    print("runtime:", runtime)
    print("pid matches:", int(pid) == p.pid)
    print("exitcode:", p.exitcode)

    p = multiprocessing.Process(target=pyports.sleep_forever)
    p.start()
    print("alive after start:", p.is_alive())
    p.join(0.2)
    print("after join(0.2):", p.exitcode, p.is_alive())
    p.terminate()
    p.join(30)
    print("after terminate:", p.exitcode, p.is_alive())

    p = multiprocessing.Process(target=pyports.exit_with, args=(3,))
    p.start()
    p.join(30)
    print("explicit exit:", p.exitcode)

    p = multiprocessing.Process(target=pyports.raise_error, args=("boom",), name="Raiser")
    p.start()
    p.join(30)
    print("raised:", p.exitcode)

    p = multiprocessing.Process(target=pyports.no_port_anywhere)
    p.start()
    p.join(30)
    print("no port:", p.exitcode)

    p = multiprocessing.Process(target=multiprocessing_simpleargs.worker, args=("x",))
    p.start()
    p.join(30)
    print("bad argument:", p.exitcode)

    import fractions
    path = os.path.join(temp, "described")
    p = multiprocessing.Process(target=pyports.describe, args=(path, fractions.Fraction(1, 3)))
    p.start()
    p.join(30)
    print("instance of a user class:", p.exitcode, open(path).read())


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    if worker != "-":
        multiprocessing.set_executable(worker)
    if scenario == "behaviour":
        behaviour(sys.argv[4])
    else:
        # The book's script, unchanged, as __main__: its children are the worker host.
        runpy.run_path(os.path.join(pyexamples, scenario + ".py"), run_name="__main__")
