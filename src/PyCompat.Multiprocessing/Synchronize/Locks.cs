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
