using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Synchronize;

/// <summary>
/// Python's <c>multiprocessing.Lock()</c>: a non-recursive lock shared by processes of either kind. Any thread or
/// process may release it, as in CPython; releasing it when free fails with "semaphore or lock released too many times".
/// </summary>
public sealed class Lock : SemLockObject
{
    internal static readonly PyGlobal Class = new("multiprocessing.synchronize", "Lock");

    /// <summary>A new, free lock (a new named semaphore with value 1).</summary>
    public Lock() : base(SemLock.Create(SemLockKind.Semaphore, 1, 1)) { }

    internal Lock(SemLock semLock) : base(semLock) { }

    /// <summary>
    /// <see cref="SemLockObject.Acquire(bool, TimeSpan?)"/> for <c>await</c>: true once acquired, false when the timeout
    /// passed first (Python's <c>acquire(timeout=...)</c> result). A thread of its own (not a thread-pool thread) waits
    /// on the semaphore in slices of 50 ms, between which <paramref name="cancellationToken"/> is looked at; a
    /// cancelled wait has acquired nothing. The lock is then held by no thread in particular: release it from any
    /// thread, as CPython's Lock allows (a <see cref="Condition"/> waits only with a lock its own thread took).
    /// </summary>
    /// <param name="timeout">How long to wait at most; null waits for ever; negative counts as zero.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task<bool> AcquireAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        AcquireSlicedAsync(timeout, cancellationToken);

    private protected override PyGlobal PythonClass => Class;
}

/// <summary>
/// Python's <c>multiprocessing.RLock()</c>: the thread that holds it may acquire it again; it is free once released
/// as many times. Another thread releasing it fails with "attempt to release recursive lock not owned by thread".
/// </summary>
public sealed class RLock : SemLockObject
{
    internal static readonly PyGlobal Class = new("multiprocessing.synchronize", "RLock");

    /// <summary>A new, free recursive lock.</summary>
    public RLock() : base(SemLock.Create(SemLockKind.RecursiveMutex, 1, 1)) { }

    internal RLock(SemLock semLock) : base(semLock) { }

    private protected override PyGlobal PythonClass => Class;
}

/// <summary>Python's <c>multiprocessing.Semaphore(value=1)</c>: a counter that <c>Acquire</c> takes from and
/// <c>Release</c> adds to, without an upper bound.</summary>
public class Semaphore : SemLockObject
{
    internal static readonly PyGlobal Class = new("multiprocessing.synchronize", "Semaphore");

    /// <summary>A new semaphore with the counter at <paramref name="value"/>.</summary>
    public Semaphore(int value = 1) : base(SemLock.Create(SemLockKind.Semaphore, value, Posix.Semaphores.SemValueMax)) { }

    private protected Semaphore(SemLock semLock) : base(semLock) { }

    /// <summary>
    /// <see cref="SemLockObject.Acquire(bool, TimeSpan?)"/> for <c>await</c>: true once acquired, false when the timeout
    /// passed first (Python's <c>acquire(timeout=...)</c> result). A thread of its own (not a thread-pool thread) waits
    /// on the semaphore in slices of 50 ms, between which <paramref name="cancellationToken"/> is looked at; a
    /// cancelled wait has acquired nothing.
    /// </summary>
    /// <param name="timeout">How long to wait at most; null waits for ever; negative counts as zero.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task<bool> AcquireAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        AcquireSlicedAsync(timeout, cancellationToken);

    internal static Semaphore Wrap(SemLock semLock) => new(semLock);

    private protected override PyGlobal PythonClass => Class;

    /// <summary>Python's <c>get_value()</c>: the counter now.</summary>
    public int GetValue() => SemLock.Value;
}

/// <summary>Python's <c>multiprocessing.BoundedSemaphore(value=1)</c>: a semaphore whose counter may not rise
/// above its first value ("semaphore or lock released too many times").</summary>
public sealed class BoundedSemaphore : Semaphore
{
    internal static new readonly PyGlobal Class = new("multiprocessing.synchronize", "BoundedSemaphore");

    /// <summary>A new bounded semaphore, its counter and its bound at <paramref name="value"/>.</summary>
    public BoundedSemaphore(int value = 1) : base(SemLock.Create(SemLockKind.Semaphore, value, value)) { }

    internal BoundedSemaphore(SemLock semLock) : base(semLock) { }

    private protected override PyGlobal PythonClass => Class;
}
