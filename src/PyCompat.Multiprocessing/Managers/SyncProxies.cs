using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>CPython's <c>AcquirerProxy</c>: a Lock, RLock, Semaphore or BoundedSemaphore in a manager's server.
/// An RLock is owned by the server thread of this proxy's connection, one per client thread, as in CPython.</summary>
public class AcquirerProxy : BaseProxy
{
    internal AcquirerProxy(Token token, byte[]? authkey, BaseManager? manager, bool incref)
        : base(token, authkey, manager, incref) { }

    /// <inheritdoc />
    protected override PyGlobal PythonClass { get; } = new("multiprocessing.managers", "AcquirerProxy");

    /// <summary><c>acquire(blocking=True, timeout=None)</c>: false when not acquired in time.</summary>
    public bool Acquire(bool block = true, double? timeout = null) =>
        (timeout is null ? Call("acquire", block) : Call("acquire", block, timeout.Value)) is true;

    /// <summary><c>release()</c>.</summary>
    public void Release() => Call("release");

    /// <summary><c>with lock:</c> is <c>using (lock.Enter())</c>.</summary>
    public IDisposable Enter()
    {
        Call("acquire");
        return new Releaser(this);
    }

    private sealed class Releaser(AcquirerProxy owner) : IDisposable
    {
        private AcquirerProxy? _owner = owner;

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Release();
    }
}

/// <summary>CPython's <c>ConditionProxy</c>: a Condition (on its own RLock) in a manager's server.</summary>
public sealed class ConditionProxy : AcquirerProxy
{
    internal ConditionProxy(Token token, byte[]? authkey, BaseManager? manager, bool incref)
        : base(token, authkey, manager, incref) { }

    /// <inheritdoc />
    protected override PyGlobal PythonClass { get; } = new("multiprocessing.managers", "ConditionProxy");

    /// <summary><c>wait(timeout=None)</c>: false when the timeout passed.</summary>
    public bool Wait(double? timeout = null) => Call("wait", timeout) is true;

    /// <summary><c>notify(n=1)</c>.</summary>
    public void Notify(int n = 1) => Call("notify", n);

    /// <summary><c>notify_all()</c>.</summary>
    public void NotifyAll() => Call("notify_all");

    /// <summary><c>wait_for(predicate, timeout=None)</c>, run here as CPython's proxy runs it.</summary>
    public bool WaitFor(Func<bool> predicate, double? timeout = null)
    {
        var result = predicate();
        var end = timeout is null ? (DateTime?)null : DateTime.UtcNow.AddSeconds(timeout.Value);
        while (!result)
        {
            double? wait = null;
            if (end is { } deadline)
            {
                wait = (deadline - DateTime.UtcNow).TotalSeconds;
                if (wait <= 0) break;
            }
            Wait(wait);
            result = predicate();
        }
        return result;
    }
}

/// <summary>CPython's <c>EventProxy</c>: a threading.Event in a manager's server.</summary>
public sealed class EventProxy : BaseProxy
{
    internal EventProxy(Token token, byte[]? authkey, BaseManager? manager, bool incref)
        : base(token, authkey, manager, incref) { }

    /// <inheritdoc />
    protected override PyGlobal PythonClass { get; } = new("multiprocessing.managers", "EventProxy");

    /// <summary><c>is_set()</c>.</summary>
    public bool IsSet() => Call("is_set") is true;

    /// <summary><c>set()</c>.</summary>
    public void Set() => Call("set");

    /// <summary><c>clear()</c>.</summary>
    public void Clear() => Call("clear");

    /// <summary><c>wait(timeout=None)</c>: whether the flag is set.</summary>
    public bool Wait(double? timeout = null) => Call("wait", timeout) is true;
}
