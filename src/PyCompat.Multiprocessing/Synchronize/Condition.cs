using System.Diagnostics;
using PyCompat.Multiprocessing.Reduction;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Synchronize;

/// <summary>
/// Python's <c>multiprocessing.Condition(lock=None)</c>, with CPython's algorithm (multiprocessing/synchronize.py): a
/// lock plus three semaphores (sleepers, woken, and the one waiters sleep on), so CPython and .NET processes that share
/// one Condition wait for and notify each other.
/// </summary>
public sealed class Condition : IReduceForChild, IDisposable
{
    internal static readonly PyGlobal Class = new("multiprocessing.synchronize", "Condition");
    private readonly SemLockObject _lock;
    private readonly Semaphore _sleepingCount;
    private readonly Semaphore _wokenCount;
    private readonly Semaphore _waitSemaphore;
    private readonly bool _ownsLock;

    /// <summary>A condition on <paramref name="lock"/>, or on a new <see cref="RLock"/> as in CPython.</summary>
    public Condition(SemLockObject? @lock = null)
        : this(@lock ?? new RLock(), new Semaphore(0), new Semaphore(0), new Semaphore(0), ownsLock: @lock is null) { }

    private Condition(SemLockObject @lock, Semaphore sleeping, Semaphore woken, Semaphore wait, bool ownsLock)
    {
        _lock = @lock;
        _sleepingCount = sleeping;
        _wokenCount = woken;
        _waitSemaphore = wait;
        _ownsLock = ownsLock;
    }

    /// <summary>A condition that disposes <paramref name="lock"/> with itself (an Event's).</summary>
    internal static Condition Owning(SemLockObject @lock) =>
        new(@lock, new Semaphore(0), new Semaphore(0), new Semaphore(0), ownsLock: true);

    /// <summary>The names of the lock and the three semaphores.</summary>
    internal IEnumerable<string> SemaphoreNames => [_lock.Name, _sleepingCount.Name, _wokenCount.Name, _waitSemaphore.Name];

    /// <summary>The lock under the condition.</summary>
    public SemLockObject Lock => _lock;

    /// <summary>Acquires the underlying lock (Python's <c>acquire</c>).</summary>
    public bool Acquire(bool block = true, TimeSpan? timeout = null) => _lock.Acquire(block, timeout);

    /// <summary>Releases the underlying lock (Python's <c>release</c>).</summary>
    public void Release() => _lock.Release();

    /// <summary>Python's <c>with cond:</c>.</summary>
    public Held Enter() => _lock.Enter();

    /// <summary>Python's <c>wait(timeout=None)</c>: releases the lock, sleeps until notified or the timeout, takes the
    /// lock back; false when the timeout passed.</summary>
    /// <exception cref="SynchronizationLockException">the lock is not held by this thread.</exception>
    public bool Wait(TimeSpan? timeout = null)
    {
        if (!_lock.SemLock.IsMine) throw new SynchronizationLockException("must acquire() condition before using wait()");
        _sleepingCount.Release();
        var count = _lock.SemLock.Count;
        for (var i = 0; i < count; i++) _lock.Release();
        try
        {
            return _waitSemaphore.Acquire(true, timeout);
        }
        finally
        {
            _wokenCount.Release();
            for (var i = 0; i < count; i++) _lock.Acquire();
        }
    }

    /// <summary>
    /// Python's <c>with cond: return cond.wait(timeout)</c> for <c>await</c>: true when notified, false when the
    /// timeout passed first. The lock belongs to the thread that took it and an await resumes on another one, so the
    /// lock cannot be held across the <c>await</c>: a thread of its own (not a thread-pool thread) takes the lock,
    /// waits in slices of 50 ms (it holds the lock between slices, so no notify is missed), between which
    /// <paramref name="cancellationToken"/> is looked at, and releases the lock before the task completes.
    /// </summary>
    /// <param name="timeout">How long to wait at most; null waits for ever.</param>
    /// <param name="cancellationToken">Stops the wait; the lock is then released.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task<bool> WaitAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) => AsyncWait.Run(() =>
    {
        using (Enter())
            return AsyncWait.Loop(slice => Wait(slice), timeout, cancellationToken);
    }, cancellationToken);

    /// <summary>Python's <c>wait(timeout)</c> with the timeout in seconds.</summary>
    public bool Wait(double timeoutSeconds) => Wait(TimeSpan.FromSeconds(timeoutSeconds));

    /// <summary>Python's <c>wait_for(predicate, timeout=None)</c>: waits until <paramref name="predicate"/> is true or
    /// the timeout passes, and returns its last result.</summary>
    public bool WaitFor(Func<bool> predicate, TimeSpan? timeout = null)
    {
        var result = predicate();
        var clock = Stopwatch.StartNew();
        while (!result)
        {
            TimeSpan? left = null;
            if (timeout is { } limit)
            {
                left = limit - clock.Elapsed;
                if (left <= TimeSpan.Zero) break;
            }
            Wait(left);
            result = predicate();
        }
        return result;
    }

    /// <summary>Python's <c>notify(n=1)</c>: wakes up to <paramref name="n"/> waiters, of any process, and returns
    /// once they are awake.</summary>
    /// <exception cref="SynchronizationLockException">the lock is not held by this thread ("lock is not owned").</exception>
    public void Notify(int n = 1)
    {
        if (!_lock.SemLock.IsMine) throw new SynchronizationLockException("lock is not owned");
        if (_waitSemaphore.Acquire(false))
            throw new InvalidOperationException("notify: Should not have been able to acquire _wait_semaphore");
        // Waiters that timed out since the last notify count as woken: subtract them from the sleepers.
        while (_wokenCount.Acquire(false))
            if (!_sleepingCount.Acquire(false))
                throw new InvalidOperationException("notify: Bug in sleeping_count.acquire- res should not be False");
        var sleepers = 0;
        while (sleepers < n && _sleepingCount.Acquire(false))
        {
            _waitSemaphore.Release();
            sleepers++;
        }
        if (sleepers == 0) return;
        for (var i = 0; i < sleepers; i++) _wokenCount.Acquire();
        // Rezero the wait semaphore in case some waiters timed out just now.
        while (_waitSemaphore.Acquire(false)) { }
    }

    /// <summary>Python's <c>notify_all()</c>.</summary>
    public void NotifyAll() => Notify(int.MaxValue);

    object? IReduceForChild.ReduceForChild(SpawningPopen popen)
    {
        SpawningPopen.AssertSpawning(this);
        return new PyObject(Class, PyTuple.Empty, new PyTuple(_lock, _sleepingCount, _wokenCount, _waitSemaphore));
    }

    internal static Condition Rebuild(PyObject pickled, ReductionTable table)
    {
        if (pickled.State is not PyTuple { Count: 4 } state)
            throw new InvalidDataException($"cannot rebuild a {Class}: its state is not (lock, sleeping_count, woken_count, wait_semaphore)");
        var parts = state.Select(item => table.TryRebuild(item, out var live) ? live : null).ToArray();
        if (parts is not [SemLockObject @lock, Semaphore sleeping, Semaphore woken, Semaphore wait])
            throw new InvalidDataException($"cannot rebuild a {Class}: its state holds {string.Join(", ", state.Select(i => (i as PyObject)?.Type.ToString() ?? i?.GetType().Name))}, not a lock and three semaphores");
        return new Condition(@lock, sleeping, woken, wait, ownsLock: true);
    }

    /// <summary>Closes the semaphores (and the lock, if the condition made it).</summary>
    public void Dispose()
    {
        if (_ownsLock) _lock.Dispose();
        _sleepingCount.Dispose();
        _wokenCount.Dispose();
        _waitSemaphore.Dispose();
    }
}
