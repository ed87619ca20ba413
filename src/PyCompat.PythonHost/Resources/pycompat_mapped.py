"""Mapped mode for `pycompat run --map`: a Process whose target has a C# port runs in the .NET worker host.

PyCompat.PythonHost runs this module as a hook (RunOptions.Hooks) before the script and then calls
`install(config_hex)` with what .NET computed: the ported targets as (module, name) pairs, the worker host's command,
the --targets assemblies and --strict.

How a process is routed: the `_Popen` of every concrete Process class (fork, spawn, forkserver) is wrapped. When
`p.start()` reaches it, a Process subclass whose class has a C# port (its whole instance, __dict__ and all, goes to
the port), or a target with a port (and no multiprocessing object among its arguments but those a .NET child
rebuilds: locks, semaphores, conditions, events, barriers, connections, queues, and the standard streams) is launched by
`_WorkerPopen`: CPython's own spawn Popen with its own
pickles (preparation data, then the process object), whose only difference is the program it starts, the worker
host. Any other process goes to the start method the script would have used anyway (fork by default, as python3).
Nothing else changes, so `multiprocessing.get_start_method()`, a script's own `set_start_method(...)`, pool and
manager processes, and everything the parent sees of a child (pid, exitcode, is_alive, join, sentinel, terminate,
exit-time joins) stay CPython's. Written for CPython 3.9+.
"""

import io
import os
import sys
import threading

from multiprocessing import context, popen_spawn_posix, process, reduction, spawn, util

#: Set by install(): {(module, name)} of the targets that have a C# port.
_ported = frozenset()
#: Set by install(): {(module, qualname)} of the Process subclasses that have a C# port ([PyClass]).
_ported_classes = frozenset()
#: The worker host: [executable, arguments before the spawn arguments...].
_worker = []
#: Assemblies with ports (the CLI's defaults and --targets); the worker reads them from the preparation data (key pycompat_assemblies).
_assemblies = []
#: --strict: stop the run before starting a process whose target has no port.
_strict = False

_WRAPPED = "_pycompat_mapped"
#: The target of every pool worker process (Lib/multiprocessing/pool.py); the .NET worker host speaks its loop.
_POOL_WORKER = ("multiprocessing.pool", "worker")
#: The target of every ProcessPoolExecutor worker (Lib/concurrent/futures/process.py); the .NET worker host speaks its loop.
_EXECUTOR_WORKER = ("concurrent.futures.process", "_process_worker")


def install(config_hex):
    """Reads the host's JSON configuration (hex-encoded UTF-8) and routes every start method through `_route`."""
    global _ported, _ported_classes, _worker, _assemblies, _strict
    import json

    config = json.loads(bytes.fromhex(config_hex).decode("utf-8"))
    _ported = frozenset((module, name) for module, name in config["ports"])
    _ported_classes = frozenset((module, name) for module, name in config.get("classes", ()))
    _worker = list(config["worker"])
    _assemblies = list(config.get("assemblies", ()))
    _strict = bool(config.get("strict", False))
    for name in ("ForkProcess", "SpawnProcess", "ForkServerProcess"):
        cls = getattr(context, name, None)
        if cls is not None:
            _wrap(cls)
    _name_semaphores()


def _name_semaphores():
    """Under fork, CPython unlinks a SemLock's name at once and refuses to pickle it: a fork child inherits it. A .NET
    child can only open it by name, so every SemLock is made as under spawn (named, unlinked by its finalizer and the
    resource tracker); fork children still inherit it as before."""
    from multiprocessing import synchronize

    original = synchronize.SemLock.__init__
    if getattr(original, _WRAPPED, False):
        return
    spawn_context = context._default_context.get_context("spawn")

    def __init__(self, kind, value, maxvalue, *, ctx):
        original(self, kind, value, maxvalue, ctx=spawn_context)

    setattr(__init__, _WRAPPED, True)
    synchronize.SemLock.__init__ = __init__

    # A name is unlinked only once every .NET child started so far has opened what it was given (_await_started).
    cleanup = synchronize.SemLock._cleanup

    def _cleanup(name):
        _await_started()
        cleanup(name)

    _cleanup.__qualname__ = cleanup.__qualname__  # what multiprocessing's sub_debug log lines show
    setattr(_cleanup, _WRAPPED, True)
    synchronize.SemLock._cleanup = staticmethod(_cleanup)


def _wrap(cls):
    original = cls.__dict__.get("_Popen")
    if original is None or getattr(original, _WRAPPED, False):
        return
    launch = original.__func__ if isinstance(original, staticmethod) else original

    def _Popen(process_obj):
        return _route(process_obj, launch)

    setattr(_Popen, _WRAPPED, True)
    cls._Popen = staticmethod(_Popen)


def _route(process_obj, launch):
    key = class_key(process_obj)
    if key is not None:
        # A subclass with its own run(): its C# port gets the whole instance (its __dict__), so check all of it.
        if key in _ported_classes:
            unusable = _first_unusable(list(vars(process_obj).values()))
            if unusable is None:
                return _WorkerPopen(process_obj)
            if _strict:
                _stop(process_obj, key, unusable)
        elif _strict:
            _stop(process_obj, None)
        return launch(process_obj)
    key = target_key(process_obj)
    if key in (_POOL_WORKER, _EXECUTOR_WORKER):
        # A pool or executor worker: the .NET worker rebuilds its two queues and resolves each task's function on its
        # own (a task without a port runs in the worker's CPython helper), so only the initializer's arguments matter.
        args = tuple(getattr(process_obj, "_args", ()))
        if _first_unusable(args[2:4]) is None:
            return _log_child(_WorkerPopen(process_obj), "router:dotnet", key)
        return launch(process_obj)
    if key is not None and key in _ported:
        unusable = _first_unusable((getattr(process_obj, "_args", ()), getattr(process_obj, "_kwargs", {})))
        if unusable is None:
            return _log_child(_WorkerPopen(process_obj), "router:dotnet", key)
        if _strict:
            _stop(process_obj, key, unusable)
        return _log_child(launch(process_obj), "router:cpython", key)
    if _strict:
        _stop(process_obj, key)
    return launch(process_obj)


def _log_child(popen, how, key):
    """PYCOMPAT_CHILD_LOG=<path>: one line `<pid> router:dotnet|router:cpython <module>.<name>` per process with a
    port, so a checker can match the processes sent to .NET with the worker host's own `<pid> <module>.<name>` lines
    and see a ported target that ran in CPython. One write on an O_APPEND descriptor, as the worker host does."""
    pid = getattr(popen, "pid", None)
    if pid:
        _append_log("%d %s %s.%s\n" % ((pid, how) + key))
    return popen


def _append_log(line):
    path = os.environ.get("PYCOMPAT_CHILD_LOG")
    if path:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)


_PLAIN = (type(None), bool, int, float, complex, str, bytes, bytearray)


def _first_unusable(value, depth=0):
    """The first argument only a CPython child can use: a multiprocessing object (a queue, lock, event, pipe end,
    manager proxy...), whose pickle hands over fds or semaphores, not data. Such a process stays in CPython."""
    if depth > 100 or isinstance(value, _PLAIN):
        return None
    if isinstance(value, dict):
        value = [item for pair in value.items() for item in pair]
    if isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            found = _first_unusable(item, depth + 1)
            if found is not None:
                return found
        return None
    if _standard_stream(value) is not None:
        return None
    kind = type(value)
    module = kind.__module__ or ""
    if (module, kind.__qualname__) in _REBUILT_IN_DOTNET:
        return None
    if _is_manager_proxy(value):
        return None
    return value if module == "multiprocessing" or module.startswith("multiprocessing.") else None


def _is_manager_proxy(value):
    """A manager proxy: a .NET child rebuilds it from RebuildProxy(...) and connects to the manager's server."""
    managers = sys.modules.get("multiprocessing.managers")
    return managers is not None and isinstance(value, managers.BaseProxy)


#: The multiprocessing classes a .NET child rebuilds (ReductionTable.Default): the synchronization primitives over the
#: same named semaphores, connections and queues over the same fds.
_REBUILT_IN_DOTNET = frozenset(
    [("multiprocessing.synchronize", name) for name in ("Lock", "RLock", "Semaphore", "BoundedSemaphore", "Condition", "Event", "Barrier")]
    + [("multiprocessing.connection", "Connection")]
    + [("multiprocessing.queues", name) for name in ("Queue", "JoinableQueue", "SimpleQueue")]
)


def _standard_stream(value):
    """'stdout', 'stderr' or 'stdin' when `value` is one of sys's standard streams, else None."""
    for name in ("stdout", "stderr", "stdin"):
        if value is getattr(sys, name, None) or value is getattr(sys, "__%s__" % name, None):
            return name
    return None


class _SysModule:
    """Pickles as `__import__('sys')`."""

    def __reduce__(self):
        return __import__, ("sys",)


class _WorkerPickler(reduction.ForkingPickler):
    """CPython cannot pickle sys.stdout (a fork child inherits it): a .NET child gets its own standard stream, written
    as `getattr(__import__('sys'), 'stdout')`, what a C# parent writes for Console.Out."""

    def reducer_override(self, obj):
        name = _standard_stream(obj)
        if name is not None:
            return getattr, (_SysModule(), name)
        managers = sys.modules.get("multiprocessing.managers")
        if managers is not None and isinstance(obj, managers.BaseManager):
            # An object holding a manager (multiprocessing_semaphore's pool) reaches a .NET child: its proxies work
            # there, the manager itself (its process, its finalizer's weakref) cannot be pickled; it becomes a str.
            return str, ("<%s at %r>" % (type(obj).__name__, obj.address),)
        return NotImplemented


def target_key(process_obj):
    """(module, name) of the target as pickle names it, `__main__` as the script's file stem (what the worker
    resolves); None when the process runs something else (no target, or a subclass with its own run())."""
    target = getattr(process_obj, "_target", None)
    if target is None or type(process_obj).run is not process.BaseProcess.run:
        return None
    module = getattr(target, "__module__", None)
    name = getattr(target, "__qualname__", None)
    if not isinstance(module, str) or not isinstance(name, str):
        return None
    if module in ("__main__", "__mp_main__"):
        module = _main_stem() or module
    return module, name


def class_key(process_obj):
    """(module, qualname) of a Process subclass that overrides run(), `__main__` as the script's file stem (what the
    worker resolves); None for a process that runs a target."""
    cls = type(process_obj)
    if cls.run is process.BaseProcess.run:
        return None
    module = cls.__module__
    if module in ("__main__", "__mp_main__"):
        module = _main_stem() or module
    return module, cls.__qualname__


def _main_stem():
    path = getattr(sys.modules.get("__main__"), "__file__", None)
    return os.path.splitext(os.path.basename(path))[0] if path else None


def _stop(process_obj, key, unusable=None):
    if key is None:
        what = "runs %s.run(), which has no C# port" % type(process_obj).__qualname__
        fix = ('mark a C# subclass of Process with [PyClass("%s", "%s")] and pass its assembly with --targets'
               % class_key(process_obj))
    elif unusable is not None:
        kind = type(unusable)
        what = "has %s %s.%s, ported, but passes it a %s.%s" % (
            ("target" if target_key(process_obj) else "class",) + key + (kind.__module__, kind.__qualname__))
        fix = "only a CPython child can use a multiprocessing object; pass plain values to a ported target"
    else:
        what = "has target %s.%s, which has no C# port" % key
        fix = ('mark a static C# method with [PyTarget("%s", "%s")] and pass its assembly with --targets' % key)
    util._flush_std_streams()
    sys.stderr.write("pycompat run --strict: stopped before starting %s: it %s; %s\n" % (process_obj.name, what, fix))
    sys.stderr.flush()
    raise SystemExit(2)


class _WorkerPopen(popen_spawn_posix.Popen):
    """CPython's spawn Popen, launching the worker host instead of the interpreter.

    `_launch` is CPython's own (Lib/multiprocessing/popen_spawn_posix.py, unchanged from 3.9 to 3.13) but for the
    program, one key in the preparation data and the ready pipe (`_await_started`); it starts no resource tracker, which a .NET child does not use.
    Everything else (poll, wait, terminate, kill, close, sentinel) is inherited.
    """

    method = "spawn"

    def poll(self, flag=os.WNOHANG):
        # A worker a signal ended (p.terminate() right after p.start()) may never have reached its port: the log says
        # so, and a checker accounts for it as a .NET child that was stopped, not as one that ran in CPython.
        returncode = super().poll(flag)
        if returncode is not None and returncode < 0 and not getattr(self, "_pycompat_logged", False):
            self._pycompat_logged = True
            _append_log("%d router:signalled %d\n" % (self.pid, returncode))
        return returncode

    def _launch(self, process_obj):
        prep_data = spawn.get_preparation_data(process_obj._name)
        if _assemblies:
            prep_data["pycompat_assemblies"] = list(_assemblies)
        _await_started(timeout=0)
        ready_r, ready_w = os.pipe()
        prep_data[_READY_KEY] = ready_w
        self._fds.append(ready_w)
        _starting.append(ready_r)
        # A .NET pool worker runs the tasks without a port in a CPython helper: the interpreter spawn would use.
        prep_data["pycompat_python"] = spawn.get_executable()
        fp = io.BytesIO()
        context.set_spawning_popen(self)
        try:
            reduction.dump(prep_data, fp)
            _WorkerPickler(fp).dump(process_obj)
        except BaseException:
            os.close(ready_w)
            raise
        finally:
            context.set_spawning_popen(None)

        parent_r = child_w = child_r = parent_w = None
        try:
            parent_r, child_w = os.pipe()
            child_r, parent_w = os.pipe()
            cmd = (
                _worker
                + util._args_from_interpreter_flags()
                + ["-c", "from multiprocessing.spawn import spawn_main; spawn_main(pipe_handle=%d)" % child_r,
                   "--multiprocessing-fork"]
            )
            self._fds.extend([child_r, child_w])
            self.pid = util.spawnv_passfds(os.fsencode(_worker[0]), cmd, self._fds)
            self.sentinel = parent_r
            with open(parent_w, "wb", closefd=False) as f:
                f.write(fp.getbuffer())
        finally:
            fds_to_close = []
            for fd in (parent_r, parent_w):
                if fd is not None:
                    fds_to_close.append(fd)
            self.finalizer = util.Finalize(self, util.close_fds, fds_to_close)

            for fd in (child_r, child_w, ready_w):
                if fd is not None:
                    os.close(fd)


#: The preparation-data key naming the fd a .NET child closes once it has rebuilt its arguments (SpawnRequest.ReadyFd).
_READY_KEY = "pycompat_ready_fd"
#: The read ends of the ready pipes of the .NET children that may not have opened their arguments' semaphores yet.
_starting = []
#: Pool and user threads start processes and collect SemLocks too.
_starting_lock = threading.RLock()


def _await_started(timeout=60):
    """Waits until every .NET child started so far has opened what its arguments name: it closes its end of its ready
    pipe once they are bound (or dies). A SemLock's name is unlinked when the SemLock is collected (start() drops the
    process's arguments at once) or at exit, before CPython joins its children (util._exit_function); a CPython child
    has opened it in milliseconds (under fork it inherited it), a .NET child on a loaded machine can take seconds.
    Bounded, so a wedged child cannot hold the parent for ever; timeout=0 only forgets the children that are ready."""
    from multiprocessing.connection import wait

    # Reentrant: a collection during the wait may unlink a SemLock, which waits here too (it finds the same fds).
    with _starting_lock:
        while _starting:
            ready = wait(list(_starting), timeout)
            if not ready:
                return
            for fd in ready:
                if fd in _starting:
                    _starting.remove(fd)
                    os.close(fd)
