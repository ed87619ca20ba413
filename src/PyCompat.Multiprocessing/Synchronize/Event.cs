using PyCompat.Multiprocessing.Reduction;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Synchronize;

/// <summary>
/// Python's <c>multiprocessing.Event()</c>, built as CPython builds it: a <see cref="Condition"/> on a
/// <see cref="Lock"/> and a flag semaphore, so CPython and .NET processes wait on the same event.
/// </summary>
public sealed class Event : IReduceForChild, IDisposable
{
    internal static readonly PyGlobal Class = new("multiprocessing.synchronize", "Event");
    private readonly Condition _cond;
    private readonly Semaphore _flag;

    /// <summary>A new event, not set.</summary>
    public Event() : this(Condition.Owning(new Lock()), new Semaphore(0)) { }

    private Event(Condition cond, Semaphore flag)
    {
        _cond = cond;
        _flag = flag;
    }

    /// <summary>Python's <c>is_set()</c>.</summary>
    public bool IsSet()
    {
        using (_cond.Enter())
        {
            if (!_flag.Acquire(false)) return false;
            _flag.Release();
            return true;
        }
    }

    /// <summary>Python's <c>set()</c>: sets the flag and wakes every waiter.</summary>
    public void Set()
    {
        using (_cond.Enter())
        {
            _flag.Acquire(false);
            _flag.Release();
            _cond.NotifyAll();
        }
    }

    /// <summary>Python's <c>clear()</c>.</summary>
    public void Clear()
    {
        using (_cond.Enter()) _flag.Acquire(false);
    }

    /// <summary>Python's <c>wait(timeout=None)</c>: true when the flag is set, false when the timeout passed first.</summary>
    public bool Wait(TimeSpan? timeout = null)
    {
        using (_cond.Enter())
        {
            if (_flag.Acquire(false)) _flag.Release();
            else _cond.Wait(timeout);
            if (!_flag.Acquire(false)) return false;
            _flag.Release();
            return true;
        }
    }

    /// <summary>Python's <c>wait(timeout)</c> with the timeout in seconds.</summary>
    public bool Wait(double timeoutSeconds) => Wait(TimeSpan.FromSeconds(timeoutSeconds));

    /// <summary>
    /// <see cref="Wait(TimeSpan?)"/> for <c>await</c>: true when the flag is set, false when the timeout passed first.
    /// The event lives in semaphores other processes share, which no .NET wait handle stands for, so a thread of its
    /// own (not a thread-pool thread) waits in slices of 50 ms, between which <paramref name="cancellationToken"/> is
    /// looked at.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task<bool> WaitAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        AsyncWait.Until(slice => Wait(slice), timeout, cancellationToken);

    object? IReduceForChild.ReduceForChild(SpawningPopen popen) =>
        new PyObject(Class, PyTuple.Empty, new Dictionary<string, object?> { ["_cond"] = _cond, ["_flag"] = _flag });

    internal static Event Rebuild(PyObject pickled, ReductionTable table)
    {
        if (pickled.State is IReadOnlyDictionary<object?, object?> state
            && state.TryGetValue("_cond", out var cond) && table.TryRebuild(cond, out var liveCond) && liveCond is Condition c
            && state.TryGetValue("_flag", out var flag) && table.TryRebuild(flag, out var liveFlag) && liveFlag is Semaphore f)
            return new Event(c, f);
        throw new InvalidDataException($"cannot rebuild a {Class}: its state is not {{'_cond': Condition, '_flag': Semaphore}}");
    }

    /// <summary>The names of the semaphores under it.</summary>
    internal IEnumerable<string> SemaphoreNames => [.. _cond.SemaphoreNames, _flag.Name];

    /// <summary>Closes its semaphores.</summary>
    public void Dispose()
    {
        _cond.Dispose();
        _flag.Dispose();
    }
}
