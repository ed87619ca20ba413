using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>
/// The server-side objects SyncManager serves, for a <see cref="BaseManager.Register"/> callable of your own: CPython's
/// <c>queue.Queue()</c>, <c>dict</c>, <c>list</c> and <c>Namespace</c>. Returning one object from the callable shares
/// it between every client, as CPython's <c>register('get_queue', callable=lambda: queue)</c> does.
/// </summary>
public static class SharedObjects
{
    /// <summary>CPython's <c>queue.Queue(maxsize)</c>: put, get, put_nowait, get_nowait, qsize, empty, full,
    /// task_done, join.</summary>
    public static ISharedObject Queue(int maxsize = 0) => new SharedQueue(maxsize);

    /// <summary>A <c>dict</c>.</summary>
    public static ISharedObject Dict() => new SharedDict(new PyDict());

    /// <summary>A <c>list</c>.</summary>
    public static ISharedObject List() => new SharedList([]);

    /// <summary>A <c>Namespace()</c>.</summary>
    public static ISharedObject Namespace() => new SharedNamespace([]);
}
