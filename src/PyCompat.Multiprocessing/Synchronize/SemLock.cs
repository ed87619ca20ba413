using System.Runtime.InteropServices;
using System.Threading;
using PyCompat.Multiprocessing.Posix;
using PyCompat.Multiprocessing.ResourceTracking;

namespace PyCompat.Multiprocessing.Synchronize;

/// <summary>The two kinds CPython's <c>_multiprocessing.SemLock</c> knows (multiprocessing/synchronize.py).</summary>
internal enum SemLockKind
{
    RecursiveMutex = 0,
    Semaphore = 1,
}

/// <summary>
/// CPython's C type <c>_multiprocessing.SemLock</c> (Modules/_multiprocessing/semaphore.c) over a POSIX named
/// semaphore: the same names (<c>/mp-</c> and 8 characters), the same acquire and release algorithm, and the same
/// per-process bookkeeping (<c>count</c>, the owning thread), so that a CPython process and a .NET process opening the
/// same name share one lock. The process that created the semaphore unlinks its name when it is disposed, finalized or
/// the process exits, as CPython's <c>SemLock._cleanup</c> finalizer does; a process that opened it only closes it.
/// </summary>
internal sealed unsafe class SemLock : IDisposable
{
    private const string NameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789_";
    private nint _handle;
    private readonly bool _owner;
    // CPython changes these two under the GIL; here the threads of a process run at once. So the holder's thread is
    // written before the count that makes it visible, and a release gives the count back before it posts: the next
    // holder's bookkeeping never races with the last one's, and a Condition releases its lock as many times as it holds it.
    private int _count;
    private int _lastThread;

    /// <summary>The resource tracker's name for a semaphore.</summary>
    private const string ResourceType = "semaphore";

    private SemLock(nint handle, SemLockKind kind, int maxValue, string name, bool owner)
    {
        _handle = handle;
        Kind = kind;
        MaxValue = maxValue;
        Name = name;
        _owner = owner;
        if (owner) AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public SemLockKind Kind { get; }

    public int MaxValue { get; }

    /// <summary>The semaphore's name, <c>/mp-xxxxxxxx</c>, which a child opens.</summary>
    public string Name { get; }

    /// <summary>The address of the semaphore in this process: what CPython pickles as the handle (unused on POSIX,
    /// where the child opens the name).</summary>
    public long Handle => _handle;

    /// <summary>Makes a new semaphore with a fresh name, as <c>SemLock.__init__</c> does under spawn.</summary>
    public static SemLock Create(SemLockKind kind, int value, int maxValue)
    {
        if (value < 0 || value > maxValue) throw new ArgumentOutOfRangeException(nameof(value), "invalid value");
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var name = "/mp-" + string.Create(8, 0, (span, _) =>
            {
                for (var i = 0; i < span.Length; i++) span[i] = NameCharacters[Random.Shared.Next(NameCharacters.Length)];
            });
            var handle = Semaphores.Open(name, Semaphores.O_CREAT | Semaphores.O_EXCL, 0x180 /* 0600 */, (uint)value);
            if (handle != Semaphores.Failed)
            {
                // As CPython's SemLock.__init__: a tracker unlinks the name if this process dies without doing so.
                ResourceTracker.Register(name, ResourceType);
                return new SemLock(handle, kind, maxValue, name, owner: true);
            }
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Semaphores.EEXIST) throw OsError(errno, $"cannot create semaphore {name}");
        }
        throw new IOException("cannot find name for semaphore");
    }

    /// <summary>CPython's <c>SemLock._rebuild(handle, kind, maxvalue, name)</c>: opens the semaphore by name.</summary>
    /// <exception cref="FileNotFoundException">no semaphore has that name (its creator has ended, or never made it).</exception>
    public static SemLock Open(SemLockKind kind, int maxValue, string name)
    {
        if (!name.StartsWith('/') || name.Length > 250 || name.IndexOf('/', 1) >= 0 || name.Contains('\0'))
            throw new ArgumentException($"'{name}' is not a semaphore name (CPython's are '/mp-' and 8 characters)", nameof(name));
        var handle = Semaphores.OpenExisting(name, 0);
        if (handle == Semaphores.Failed)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw OsError(errno, $"cannot open the semaphore {name} a parent passed: "
                + (errno == 2 ? "it does not exist (the process that made it has ended or unlinked it)" : "sem_open failed"));
        }
        return new SemLock(handle, kind, maxValue, name, owner: false);
    }

    private static Exception OsError(int errno, string what)
    {
        var message = $"{what}: [Errno {errno}] {Marshal.GetPInvokeErrorMessage(errno)}";
        return errno == 2 ? new FileNotFoundException(message) : new IOException(message);
    }

    private nint Live => _handle != 0 ? _handle : throw new ObjectDisposedException(Name, "the semaphore is closed");

    private static int CurrentThread => Environment.CurrentManagedThreadId;

    /// <summary>Whether this thread of this process holds it (<c>_is_mine</c>).</summary>
    public bool IsMine => Volatile.Read(ref _count) > 0 && Volatile.Read(ref _lastThread) == CurrentThread;

    /// <summary>How many times this process acquired it without releasing (<c>_count</c>).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary><c>_get_value()</c>: the semaphore's counter.</summary>
    public int Value
    {
        get
        {
            int value;
            if (Semaphores.GetValue(Live, &value) < 0) throw OsError(Marshal.GetLastPInvokeError(), "sem_getvalue failed");
            return value;
        }
    }

    /// <summary><c>acquire(block=True, timeout=None)</c>; a negative timeout counts as 0, as in CPython.</summary>
    public bool Acquire(bool block = true, double? timeout = null)
    {
        if (Kind == SemLockKind.RecursiveMutex && IsMine)
        {
            Interlocked.Increment(ref _count);
            return true;
        }
        var handle = Live;
        int rc;
        do rc = Semaphores.TryWait(handle);
        while (rc < 0 && Marshal.GetLastPInvokeError() == Libc.EINTR);
        if (rc < 0 && Marshal.GetLastPInvokeError() == Semaphores.EAGAIN && block)
        {
            if (timeout is { } seconds)
            {
                var deadline = Deadline(Math.Max(seconds, 0));
                do rc = Semaphores.TimedWait(handle, &deadline);
                while (rc < 0 && Marshal.GetLastPInvokeError() == Libc.EINTR);
            }
            else
            {
                do rc = Semaphores.Wait(handle);
                while (rc < 0 && Marshal.GetLastPInvokeError() == Libc.EINTR);
            }
        }
        if (rc < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is Semaphores.EAGAIN or Semaphores.ETIMEDOUT) return false;
            throw OsError(errno, $"cannot acquire semaphore {Name}");
        }
        Volatile.Write(ref _lastThread, CurrentThread);
        Interlocked.Increment(ref _count);
        return true;
    }

    private static Semaphores.Timespec Deadline(double seconds)
    {
        Semaphores.Timespec now;
        Semaphores.ClockGetTime(Semaphores.ClockRealtime, &now);
        var whole = (long)Math.Floor(seconds);
        var nanos = now.Nanoseconds + (long)((seconds - whole) * 1e9);
        return new Semaphores.Timespec { Seconds = now.Seconds + whole + nanos / 1_000_000_000, Nanoseconds = nanos % 1_000_000_000 };
    }

    /// <summary><c>release()</c>, with CPython's checks and messages.</summary>
    /// <exception cref="SynchronizationLockException">an RLock released by a thread that does not hold it.</exception>
    /// <exception cref="SemaphoreFullException">the counter is already at its maximum.</exception>
    public void Release()
    {
        var handle = Live;
        if (Kind == SemLockKind.RecursiveMutex)
        {
            if (!IsMine)
                throw new SynchronizationLockException("attempt to release recursive lock not owned by thread");
            if (Count > 1)
            {
                Interlocked.Decrement(ref _count);
                return;
            }
        }
        else
        {
            // As in CPython, not an absolute guarantee that the value stays at most MaxValue.
            if (Value >= MaxValue) throw new SemaphoreFullException("semaphore or lock released too many times");
        }
        Interlocked.Decrement(ref _count);
        if (Semaphores.Post(handle) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Interlocked.Increment(ref _count);
            throw OsError(errno, $"cannot release semaphore {Name}");
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        // CPython unlinks in a finalizer that may run before its children are joined; joining first means a child
        // started just before the end still finds the name.
        ProcessRegistry.JoinChildrenAtExit();
        Dispose();
    }

    /// <summary>Closes the semaphore; the creator also unlinks the name (processes that opened it keep theirs).</summary>
    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, 0);
        if (handle == 0) return;
        Semaphores.Close(handle);
        if (_owner)
        {
            Semaphores.Unlink(Name);
            ResourceTracker.Unregister(Name, ResourceType);
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        }
        GC.SuppressFinalize(this);
    }

    ~SemLock()
    {
        var handle = Interlocked.Exchange(ref _handle, 0);
        if (handle == 0) return;
        Semaphores.Close(handle);
        if (!_owner) return;
        Semaphores.Unlink(Name);
        ResourceTracker.Unregister(Name, ResourceType);
    }
}
