"""Prints the order in which multiprocessing.util runs finalizers of the priorities given on the command line.

Each argument is an exit priority; the finalizer registered for argument i prints i. The exit handler runs those of
priority >= 0 first (before it joins children), then the rest: a line '--' separates the two calls.
"""
import sys
from multiprocessing import util


class Owner:
    pass


owners = [Owner() for _ in sys.argv[1:]]
for i, (owner, priority) in enumerate(zip(owners, sys.argv[1:])):
    util.Finalize(owner, print, args=(i,), exitpriority=int(priority))
util._run_finalizers(0)
print('--')
util._run_finalizers()
