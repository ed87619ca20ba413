"""The CPython helper of a .NET pool worker: runs the tasks whose functions have no C# port, with CPython's own code.

Pool/PythonTaskRunner.cs starts it as `python -c <this file> FD`, FD a Unix socket to the .NET worker, and sends:
first the worker's preparation data (the pickle its parent wrote), applied as spawn.prepare applies it (sys.path, the
main module imported as __mp_main__, the process name, so current_process().name is the worker's); then
(loop, initializer, initargs, wrap_exception), loop naming the worker the helper serves:

- "pool" (multiprocessing.pool.worker): that very function runs with the socket as both of its queues: each task
  arrives as the parent pickled it, and its result leaves as CPython pickles it;
- "executor" (concurrent.futures.process._process_worker): the initializer runs as _process_worker runs it, and the
  helper answers whether it succeeded; then each task is a _CallItem as the parent pickled it followed by the
  exit_pid its _ResultItem carries (the .NET worker counts max_tasks, ported tasks included), and the answer is the
  _ResultItem that _process_worker's own _sendback_result pickles.

End of file on the socket ends the loop, as a closed inqueue ends a worker's.
"""
import sys


def _die_with_worker():
    # The .NET worker is terminated (SIGTERM) or killed as a CPython worker would be; its helper must not outlive it.
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    except Exception:
        pass


def _executor(conn, loads, dumps, initializer, initargs):
    from concurrent.futures import process

    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            process._base.LOGGER.critical('Exception in initializer:', exc_info=True)
            conn.send_bytes(dumps(False))
            return
    conn.send_bytes(dumps(True))

    class _Results:
        def put(self, obj):
            conn.send_bytes(dumps(obj))

    results = _Results()
    while True:
        try:
            call_item = conn.recv_bytes()
        except EOFError:
            return
        exit_pid = loads(conn.recv_bytes())
        call_item = loads(call_item)
        # exit_pid only where _ResultItem has it (3.11+), and only then non-None.
        extra = {} if exit_pid is None else {"exit_pid": exit_pid}
        try:
            r = call_item.fn(*call_item.args, **call_item.kwargs)
        except BaseException as e:
            exc = process._ExceptionWithTraceback(e, e.__traceback__)
            process._sendback_result(results, call_item.work_id, exception=exc, **extra)
        else:
            process._sendback_result(results, call_item.work_id, result=r, **extra)
            del r
        del call_item


def main(fd):
    from multiprocessing import connection, pool, reduction, spawn

    _die_with_worker()
    conn = connection.Connection(fd)
    loads = reduction.ForkingPickler.loads
    dumps = reduction.ForkingPickler.dumps
    spawn.prepare(loads(conn.recv_bytes()))
    loop, initializer, initargs, wrap_exception = loads(conn.recv_bytes())
    if loop == "executor":
        _executor(conn, loads, dumps, initializer, initargs)
        return

    class _Socket:
        def get(self):
            return loads(conn.recv_bytes())

        def put(self, obj):
            conn.send_bytes(dumps(obj))

    pool.worker(_Socket(), _Socket(), initializer, initargs, None, wrap_exception)


main(int(sys.argv[1]))
