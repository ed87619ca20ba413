using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>CPython's <c>queue.Queue(maxsize=0)</c> in the server (SyncManager's Queue and JoinableQueue): an
/// in-process queue its clients share, with <c>queue.Empty</c> / <c>queue.Full</c> as the errors.</summary>
internal sealed class SharedQueue(int maxsize) : ISharedObject
{
    private readonly Queue<object?> _items = new();
    private int _unfinished;

    public string PythonType => "Queue";

    public IReadOnlyList<string> PublicMethods { get; } =
        ["empty", "full", "get", "get_nowait", "join", "put", "put_nowait", "qsize", "task_done"];

    public object? Value => null;

    public string Repr() => "<queue.Queue object>";

    public object? Invoke(string method, PyTuple args, PyDict kwds)
    {
        var a = new CallArgs(method, args, kwds);
        lock (_items)
        {
            switch (method)
            {
                case "put":
                    Put(a.Required(0, "item"), a.Flag(1, "block", true), a.Timeout(2, "timeout"));
                    return null;
                case "put_nowait":
                    Put(a.Required(0, "item"), false, Timeout.InfiniteTimeSpan);
                    return null;
                case "get":
                    return Get(a.Flag(0, "block", true), a.Timeout(1, "timeout"));
                case "get_nowait":
                    return Get(false, Timeout.InfiniteTimeSpan);
                case "qsize":
                    return _items.Count;
                case "empty":
                    return _items.Count == 0;
                case "full":
                    return maxsize > 0 && _items.Count >= maxsize;
                case "task_done":
                    if (_unfinished <= 0) throw PythonError.Builtin("ValueError", "task_done() called too many times");
                    if (--_unfinished == 0) Monitor.PulseAll(_items);
                    return null;
                case "join":
                    while (_unfinished > 0) Monitor.Wait(_items);
                    return null;
                default:
                    throw CallArgs.NoAttribute(PythonType, method);
            }
        }
    }

    private void Put(object? item, bool block, TimeSpan timeout)
    {
        if (!WaitUntil(() => maxsize <= 0 || _items.Count < maxsize, block, timeout))
            throw new PythonError(new PyGlobal("queue", "Full"));
        _items.Enqueue(item);
        _unfinished++;
        Monitor.PulseAll(_items);
    }

    private object? Get(bool block, TimeSpan timeout)
    {
        if (!WaitUntil(() => _items.Count > 0, block, timeout)) throw new PythonError(new PyGlobal("queue", "Empty"));
        var item = _items.Dequeue();
        Monitor.PulseAll(_items);
        return item;
    }

    // Called with the monitor held, as queue.Queue's not_empty / not_full conditions are.
    private bool WaitUntil(Func<bool> ready, bool block, TimeSpan timeout)
    {
        var deadline = timeout == Timeout.InfiniteTimeSpan ? (DateTime?)null : DateTime.UtcNow + timeout;
        while (!ready())
        {
            if (!block) return false;
            var left = deadline is null ? Timeout.InfiniteTimeSpan : deadline.Value - DateTime.UtcNow;
            if (deadline is not null && left <= TimeSpan.Zero) return false;
            Monitor.Wait(_items, left);
        }
        return true;
    }
}
