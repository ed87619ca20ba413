using PyCompat.Multiprocessing.Reduction;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Synchronize;

/// <summary>
/// What <see cref="Lock"/>, <see cref="RLock"/>, <see cref="Semaphore"/> and <see cref="BoundedSemaphore"/> share:
/// CPython's <c>multiprocessing.synchronize.SemLock</c>, a POSIX named semaphore that processes of either kind open
/// by name. Passed as an argument of a <see cref="Process"/> it pickles as CPython's does (the class, then
/// <c>(handle, kind, maxvalue, name)</c>), so a CPython child and a .NET child both open the same semaphore.
/// </summary>
public abstract class SemLockObject : IReduceForChild, IDisposable
{
    private protected SemLockObject(SemLock semLock) => SemLock = semLock;

    internal SemLock SemLock { get; }

    /// <summary>The Python class a child rebuilds it as, e.g. <c>multiprocessing.synchronize.Lock</c>.</summary>
    private protected abstract PyGlobal PythonClass { get; }

    /// <summary>The semaphore's name (<c>/mp-</c> and 8 characters), as CPython's <c>_semlock.name</c>.</summary>
    public string Name => SemLock.Name;

    /// <summary>Python's <c>acquire(block=True, timeout=None)</c>: true once acquired, false when
    /// <paramref name="block"/> is false and it is taken, or the timeout passed first.</summary>
    /// <param name="block">False to try once without waiting (the timeout is then ignored, as in CPython).</param>
    /// <param name="timeout">How long to wait at most; null waits for ever; negative counts as zero.</param>
    public bool Acquire(bool block = true, TimeSpan? timeout = null) => SemLock.Acquire(block, timeout?.TotalSeconds);

    /// <summary>Python's <c>acquire(block, timeout)</c> with the timeout in seconds.</summary>
    public bool Acquire(bool block, double timeoutSeconds) => SemLock.Acquire(block, timeoutSeconds);

    // No RLock.AcquireAsync: an RLock belongs to the thread that took it (CPython's _is_mine compares thread ids), and
    // an await resumes on another thread, whose release would fail.
    private protected Task<bool> AcquireSlicedAsync(TimeSpan? timeout, CancellationToken cancellationToken) =>
        AsyncWait.Until(slice => SemLock.Acquire(true, slice.TotalSeconds), timeout, cancellationToken);

    /// <summary>Python's <c>release()</c>.</summary>
    /// <exception cref="SemaphoreFullException">"semaphore or lock released too many times" (Python's ValueError).</exception>
    /// <exception cref="SynchronizationLockException">an RLock this thread does not hold (Python's AssertionError).</exception>
    public void Release() => SemLock.Release();

    /// <summary>Python's <c>with lock:</c>: acquires, and releases when the returned scope is disposed
    /// (<c>using (lock.Enter()) { ... }</c>).</summary>
    public Held Enter()
    {
        SemLock.Acquire();
        return new Held(SemLock.Release);
    }

    object? IReduceForChild.ReduceForChild(SpawningPopen popen) =>
        new PyObject(PythonClass, PyTuple.Empty, new PyTuple(SemLock.Handle, (int)SemLock.Kind, SemLock.MaxValue, SemLock.Name));

    /// <summary>Closes the semaphore; the process that made it also removes its name from /dev/shm (children that
    /// still have it open keep using it).</summary>
    public void Dispose()
    {
        SemLock.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>CPython's <c>SemLock.__setstate__</c>: opens the semaphore a pickle names.</summary>
    /// <exception cref="InvalidDataException">the state is not <c>(handle, kind, maxvalue, name)</c> of that kind.</exception>
    /// <exception cref="FileNotFoundException">no such semaphore (its creator has ended).</exception>
    internal static SemLock Open(PyObject pickled, SemLockKind kind)
    {
        if (pickled.State is not PyTuple { Count: 4 } state || state[2] is not int maxValue || state[3] is not string name
            || state[1] is not int pickledKind)
            throw new InvalidDataException($"cannot rebuild a {pickled.Type}: its state is {PickledText.Describe(pickled.State)}, not "
                + "(handle, kind, maxvalue, name) as CPython's SemLock.__getstate__ under spawn writes it");
        if (pickledKind != (int)kind)
            throw new InvalidDataException($"cannot rebuild a {pickled.Type}: its kind is {pickledKind}, not {(int)kind}");
        return SemLock.Open(kind, maxValue, name);
    }
}

/// <summary>The scope of Python's <c>with</c> on a lock or condition: disposing it releases once.</summary>
public readonly struct Held : IDisposable
{
    private readonly Action? _release;

    internal Held(Action release) => _release = release;

    /// <summary>Releases what <c>Enter()</c> acquired.</summary>
    public void Dispose() => _release?.Invoke();
}
