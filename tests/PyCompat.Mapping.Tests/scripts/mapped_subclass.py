"""Process subclasses with state of their own: a ported one, whose instance (its __dict__) becomes the C# object in
the .NET child, and one without a port, which stays in CPython."""

import multiprocessing
import sys


class Counter(multiprocessing.Process):
    def __init__(self, start, label, steps, **kwargs):
        super().__init__(**kwargs)
        self.start_at = start
        self.label = label
        self.steps = steps

    def run(self):
        total = self.start_at + sum(self.steps)
        print(self.label, self.name, total, multiprocessing.current_process().name)
        sys.stdout.flush()
        if total < 0:
            sys.exit(3)


class NotPorted(multiprocessing.Process):
    def run(self):
        print("not ported", self.name)


if __name__ == "__main__":
    jobs = [
        Counter(10, "first", [1, 2, 3]),
        Counter(0, "named", [], name="counter-x"),
        Counter(-5, "negative", [1], daemon=True),
    ]
    if "--with-unported" in sys.argv:
        jobs.append(NotPorted())
    for job in jobs:
        job.start()
    for job in jobs:
        job.join()
        print(job.name, "exitcode", job.exitcode)
