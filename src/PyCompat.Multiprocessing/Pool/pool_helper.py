"""The CPython helper of a .NET pool worker: runs the tasks whose functions have no C# port, with CPython's own loop.

Pool/PythonTaskRunner.cs starts it as `python -c <this file> FD`, FD a Unix socket to the .NET worker, and sends:
first the worker's preparation data (the pickle its parent wrote), applied as spawn.prepare applies it (sys.path, the
main module imported as __mp_main__, the process name, so current_process().name is the worker's); then
(initializer, initargs, wrap_exception). Then multiprocessing.pool.worker runs with the socket as both of its
queues: each task arrives as the parent pickled it, and its result leaves as CPython pickles it. End of file on the
socket ends the loop, as a closed inqueue ends a worker's.
"""
import sys


def _die_with_worker():
    # The .NET worker is terminated (SIGTERM) or killed as a CPython worker would be; its helper must not outlive it.
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    except Exception:
        pass


def main(fd):
    from multiprocessing import connection, pool, reduction, spawn

    _die_with_worker()
    conn = connection.Connection(fd)
    loads = reduction.ForkingPickler.loads
    spawn.prepare(loads(conn.recv_bytes()))
    initializer, initargs, wrap_exception = loads(conn.recv_bytes())

    class _Socket:
        def get(self):
            return loads(conn.recv_bytes())

        def put(self, obj):
            conn.send_bytes(reduction.ForkingPickler.dumps(obj))

    pool.worker(_Socket(), _Socket(), initializer, initargs, None, wrap_exception)


main(int(sys.argv[1]))
