using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Pooling;

/// <summary>The globals of CPython's <c>concurrent/futures/process.py</c> that travel in a
/// <c>ProcessPoolExecutor</c>'s pickles.</summary>
internal static class ExecutorNames
{
    private const string Module = "concurrent.futures.process";

    /// <summary>The target of every executor worker: <c>_process_worker(call_queue, result_queue, initializer,
    /// initargs[, max_tasks])</c> (<c>max_tasks</c> from 3.11).</summary>
    public static readonly PyGlobal Worker = new(Module, "_process_worker");

    /// <summary>The call queue's class, a <c>multiprocessing.queues.Queue</c> subclass pickled with Queue's state.</summary>
    public static readonly PyGlobal SafeQueue = new(Module, "_SafeQueue");

    /// <summary>A task: <c>_CallItem(work_id, fn, args, kwargs)</c>, pickled as its class and <c>__dict__</c>.</summary>
    public static readonly PyGlobal CallItem = new(Module, "_CallItem");

    /// <summary>A result: <c>_ResultItem(work_id, exception, result[, exit_pid])</c> (<c>exit_pid</c> from 3.11).</summary>
    public static readonly PyGlobal ResultItem = new(Module, "_ResultItem");

    /// <summary><c>_rebuild_exc(exc, tb)</c>: what <c>_ExceptionWithTraceback</c> pickles as; sets the parent's
    /// <c>exc.__cause__</c> to a <c>_RemoteTraceback</c>.</summary>
    public static readonly PyGlobal RebuildExc = new(Module, "_rebuild_exc");

    /// <summary><c>_process_chunk(fn, chunk)</c>: <c>[fn(*args) for args in chunk]</c>, what <c>map</c> sends inside a
    /// <c>functools.partial</c>.</summary>
    public static readonly PyGlobal ProcessChunk = new(Module, "_process_chunk");

    /// <summary><c>_rebuild_partial(func, args, keywords)</c>: how a ForkingPickler writes a <c>functools.partial</c>.</summary>
    public static readonly PyGlobal RebuildPartial = new("multiprocessing.reduction", "_rebuild_partial");

    /// <summary><c>functools.partial</c>, which <c>map</c> wraps <see cref="ProcessChunk"/> in.</summary>
    public static readonly PyGlobal Partial = new("functools", "partial");
}
