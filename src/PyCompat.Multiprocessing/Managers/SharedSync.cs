using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>
/// The server's locks (SyncManager's Lock, RLock, Semaphore, BoundedSemaphore), CPython's <c>threading</c> ones: each
/// client thread's calls run in its own server thread, so an RLock is owned by that thread, and a Lock may be
/// released by any client, as <c>threading.Lock</c> may.
/// </summary>
internal sealed class SharedLock(string pythonType, int value, int? bound, bool recursive) : ISharedObject
{
    private readonly object _gate = new();
    private int _value = value;
    private Thread? _owner;
    private int _depth;

    public static SharedLock Lock() => new("lock", 1, 1, recursive: false);

    public static SharedLock RLock() => new("RLock", 1, 1, recursive: true);

    public static SharedLock Semaphore(int value) => new("Semaphore", Check(value), null, recursive: false);

    public static SharedLock BoundedSemaphore(int value) => new("BoundedSemaphore", Check(value), Check(value), recursive: false);

    public string PythonType => pythonType;

    public IReadOnlyList<string> PublicMethods { get; } = ["acquire", "release"];

    public object? Value => null;

    public string Repr()
    {
        lock (_gate) return recursive
            ? $"<unlocked _thread.RLock object owner={(_owner is null ? 0 : _owner.ManagedThreadId)} count={_depth}>"
            : $"<{(_value == 0 ? "locked" : "unlocked")} {pythonType} object>";
    }

    public object? Invoke(string method, PyTuple args, PyDict kwds)
    {
        var a = new CallArgs(method, args, kwds);
        switch (method)
        {
            case "acquire" or "__enter__":
                return Acquire(a.Flag(0, "blocking", true), a.Timeout(1, "timeout"));
            case "release" or "__exit__":
                Release(method == "release" && bound is null ? Convert.ToInt32(a.Optional(0, "n", 1)) : 1);
                return null;
            default:
                throw CallArgs.NoAttribute(PythonType, method);
        }
    }

    /// <summary>Takes the lock (or one unit of the semaphore); false when not in time.</summary>
    public bool Acquire(bool blocking, TimeSpan timeout)
    {
        lock (_gate)
        {
            if (recursive && _owner == Thread.CurrentThread)
            {
                _depth++;
                return true;
            }
            var deadline = timeout == Timeout.InfiniteTimeSpan ? (DateTime?)null : DateTime.UtcNow + timeout;
            while (_value == 0)
            {
                if (!blocking) return false;
                var left = deadline is null ? Timeout.InfiniteTimeSpan : deadline.Value - DateTime.UtcNow;
                if (left != Timeout.InfiniteTimeSpan && left <= TimeSpan.Zero) return false;
                Monitor.Wait(_gate, left);
            }
            _value--;
            if (recursive)
            {
                _owner = Thread.CurrentThread;
                _depth = 1;
            }
            return true;
        }
    }

    /// <summary>Gives the lock back, with threading's errors for misuse.</summary>
    public void Release(int n = 1)
    {
        lock (_gate)
        {
            if (recursive)
            {
                if (_owner != Thread.CurrentThread) throw PythonError.Builtin("RuntimeError", "cannot release un-acquired lock");
                if (--_depth > 0) return;
                _owner = null;
            }
            else if (bound == 1 && pythonType == "lock" && _value == 1)
                throw PythonError.Builtin("RuntimeError", "release unlocked lock");
            else if (bound is { } max && _value + n > max)
                throw PythonError.Builtin("ValueError", "Semaphore released too many times");
            if (n < 1) throw PythonError.Builtin("ValueError", "n must be one or more");
            _value += n;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Releases an RLock however deep, for Condition.wait; the depth to restore.</summary>
    public int ReleaseAll()
    {
        lock (_gate)
        {
            if (_owner != Thread.CurrentThread) throw PythonError.Builtin("RuntimeError", "cannot wait on un-acquired lock");
            var depth = _depth;
            _depth = 1;
            Release();
            return depth;
        }
    }

    /// <summary>Takes an RLock back after a Condition.wait, at <paramref name="depth"/>.</summary>
    public void Restore(int depth)
    {
        Acquire(true, Timeout.InfiniteTimeSpan);
        lock (_gate) _depth = depth;
    }

    /// <summary>True when the current thread owns this RLock.</summary>
    public bool IsOwned
    {
        get { lock (_gate) return _owner == Thread.CurrentThread; }
    }

    private static int Check(int value) =>
        value >= 0 ? value : throw PythonError.Builtin("ValueError", "semaphore initial value must be >= 0");
}

/// <summary>CPython's <c>threading.Condition()</c> in the server, on its own RLock.</summary>
internal sealed class SharedCondition : ISharedObject
{
    private readonly SharedLock _lock = SharedLock.RLock();
    private readonly List<SemaphoreSlim> _waiters = [];

    public string PythonType => "Condition";

    public IReadOnlyList<string> PublicMethods { get; } = ["acquire", "release", "wait", "wait_for", "notify", "notify_all"];

    public object? Value => null;

    public string Repr() => $"<Condition({_lock.Repr()}, {_waiters.Count})>";

    public object? Invoke(string method, PyTuple args, PyDict kwds)
    {
        var a = new CallArgs(method, args, kwds);
        switch (method)
        {
            case "acquire" or "__enter__":
                return _lock.Acquire(a.Flag(0, "blocking", true), a.Timeout(1, "timeout"));
            case "release" or "__exit__":
                _lock.Release();
                return null;
            case "wait":
                return Wait(a.Timeout(0, "timeout"));
            case "notify":
                Notify(Convert.ToInt32(a.Optional(0, "n", 1)));
                return null;
            case "notify_all" or "notifyAll":
                Notify(int.MaxValue);
                return null;
            default:
                throw CallArgs.NoAttribute(PythonType, method);
        }
    }

    private bool Wait(TimeSpan timeout)
    {
        var waiter = new SemaphoreSlim(0);
        lock (_waiters) _waiters.Add(waiter);
        var depth = _lock.ReleaseAll();
        var woken = false;
        try
        {
            woken = waiter.Wait(timeout);
        }
        finally
        {
            // Timed out, unless a notify took the waiter off the list just then.
            if (!woken) lock (_waiters) woken = !_waiters.Remove(waiter);
            _lock.Restore(depth);
        }
        return woken;
    }

    private void Notify(int n)
    {
        if (!_lock.IsOwned) throw PythonError.Builtin("RuntimeError", "cannot notify on un-acquired lock");
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Take(n).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Release();
            }
        }
    }
}

/// <summary>CPython's <c>threading.Event()</c> in the server.</summary>
internal sealed class SharedEvent : ISharedObject
{
    private readonly ManualResetEventSlim _flag = new(false);

    public string PythonType => "Event";

    public IReadOnlyList<string> PublicMethods { get; } = ["clear", "is_set", "isSet", "set", "wait"];

    public object? Value => null;

    public string Repr() => $"<threading.Event: {(_flag.IsSet ? "set" : "unset")}>";

    public object? Invoke(string method, PyTuple args, PyDict kwds)
    {
        switch (method)
        {
            case "set":
                _flag.Set();
                return null;
            case "clear":
                _flag.Reset();
                return null;
            case "is_set" or "isSet":
                return _flag.IsSet;
            case "wait":
                return _flag.Wait(new CallArgs(method, args, kwds).Timeout(0, "timeout"));
            default:
                throw CallArgs.NoAttribute(PythonType, method);
        }
    }
}
