"""Under --engine pythonnet: calls a C# port in-process through clr, then starts plain CPython children.
With --python-only it calls the Python original instead, so python3 gives the expected output."""
import multiprocessing
import os
import sys


def square(n, queue):
    queue.put(n * n)


if __name__ == "__main__":
    if sys.argv[1:] == ["--python-only"]:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "pyexamples"))
        from multiprocessing_simpleargs import worker
    else:
        import clr

        clr.AddReference("PyCompat.Examples")
        from PyCompat.Examples import MultiprocessingSimpleArgs

        worker = MultiprocessingSimpleArgs.Worker
    sys.stdout.flush()  # .NET writes to fd 1 itself
    worker(7)
    print("start method:", multiprocessing.get_start_method(), file=sys.stderr)
    queue = multiprocessing.Queue()
    jobs = [multiprocessing.Process(target=square, args=(i, queue)) for i in range(4)]
    for job in jobs:
        job.start()
    results = sorted(queue.get() for _ in jobs)
    for job in jobs:
        job.join()
    print("squares:", results)
    print("exit codes:", [job.exitcode for job in jobs])
