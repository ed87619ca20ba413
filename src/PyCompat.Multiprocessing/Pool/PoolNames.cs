using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Pooling;

/// <summary>The globals of CPython's <c>multiprocessing/pool.py</c> that travel in a pool's pickles.</summary>
internal static class PoolNames
{
    /// <summary>The target of every pool worker process: <c>worker(inqueue, outqueue, initializer, initargs, maxtasks, wrap_exception)</c>.</summary>
    public static readonly PyGlobal Worker = new("multiprocessing.pool", "worker");

    /// <summary><c>mapstar((func, chunk))</c>: <c>list(map(func, chunk))</c>, what <c>map</c> and <c>imap</c> with a chunksize send.</summary>
    public static readonly PyGlobal MapStar = new("multiprocessing.pool", "mapstar");

    /// <summary><c>starmapstar((func, chunk))</c>: <c>list(itertools.starmap(func, chunk))</c>, what <c>starmap</c> sends.</summary>
    public static readonly PyGlobal StarMapStar = new("multiprocessing.pool", "starmapstar");

    /// <summary><c>rebuild_exc(exc, tb)</c>: what <c>ExceptionWithTraceback</c> pickles as; sets <c>exc.__cause__</c> to a <c>RemoteTraceback</c>.</summary>
    public static readonly PyGlobal RebuildExc = new("multiprocessing.pool", "rebuild_exc");

    /// <summary>The error a worker sends when a result cannot be pickled.</summary>
    public static readonly PyGlobal MaybeEncodingError = new("multiprocessing.pool", "MaybeEncodingError");

    /// <summary><c>_helper_reraises_exception(ex)</c>: imap's task for an iterable that raised.</summary>
    public static readonly PyGlobal HelperReraises = new("multiprocessing.pool", "_helper_reraises_exception");

    /// <summary>The queue class a pool's inqueue and outqueue pickle as.</summary>
    public static readonly PyGlobal SimpleQueue = new("multiprocessing.queues", "SimpleQueue");
}
