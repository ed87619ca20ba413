using PyCompat.Multiprocessing.Heap;
using PyCompat.Multiprocessing.Reduction;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Synchronize;

/// <summary>
/// Python's <c>multiprocessing.Barrier(parties, action=None, timeout=None)</c>, built as CPython builds it
/// (multiprocessing/synchronize.py): <c>threading.Barrier</c>'s algorithm over a <see cref="Condition"/>, its state and
/// count two ints in shared memory (<see cref="BufferWrapper"/>). So CPython and .NET processes wait at one barrier:
/// each <see cref="Wait(TimeSpan?)"/> returns a distinct index, and an abort, a reset or a timeout breaks it for all.
/// </summary>
public sealed unsafe class Barrier : IReduceForChild, IDisposable
{
    internal static readonly PyGlobal Class = new("multiprocessing.synchronize", "Barrier");

    // threading.Barrier's states.
    private const int Filling = 0, Draining = 1, Resetting = -1, BrokenState = -2;

    private readonly Condition _cond;
    private readonly BufferWrapper _wrapper;
    private readonly Action? _action;
    private readonly TimeSpan? _timeout;

    /// <summary>A barrier for <paramref name="parties"/> processes or threads.</summary>
    /// <param name="parties">How many <see cref="Wait(TimeSpan?)"/> calls release it.</param>
    /// <param name="action">Run by the party that releases the barrier, before the others go (only where the barrier
    /// was made: a delegate cannot travel to a child, so such a barrier is not passed to one).</param>
    /// <param name="timeout">The default for <see cref="Wait(TimeSpan?)"/>; null waits for ever.</param>
    public Barrier(int parties, Action? action = null, TimeSpan? timeout = null)
        : this(parties, action, timeout, new Condition(), BufferWrapper.Create(sizeof(int) * 2))
    {
        State = Filling;
        Count = 0;
    }

    private Barrier(int parties, Action? action, TimeSpan? timeout, Condition cond, BufferWrapper wrapper)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parties);
        Parties = parties;
        _action = action;
        _timeout = timeout;
        _cond = cond;
        _wrapper = wrapper;
    }

    private int* Shared => (int*)_wrapper.Pointer;

    private int State
    {
        get => Shared[0];
        set => Shared[0] = value;
    }

    private int Count
    {
        get => Shared[1];
        set => Shared[1] = value;
    }

    /// <summary>Python's <c>parties</c>: how many waits release the barrier.</summary>
    public int Parties { get; }

    /// <summary>Python's <c>n_waiting</c>: how many parties wait now, in every process.</summary>
    public int NWaiting
    {
        get
        {
            using (_cond.Enter()) return State == Filling ? Count : 0;
        }
    }

    /// <summary>Python's <c>broken</c>.</summary>
    public bool Broken
    {
        get
        {
            using (_cond.Enter()) return State == BrokenState;
        }
    }

    /// <summary>Python's <c>wait(timeout=None)</c>: waits until all parties have called it and returns this party's
    /// index, from 0 to <see cref="Parties"/> - 1, each a different one.</summary>
    /// <param name="timeout">How long to wait at most; null uses the barrier's default.</param>
    /// <exception cref="BrokenBarrierError">the barrier is broken, or breaks while waiting (an abort, a reset, a
    /// timeout here or in another party, the action failed).</exception>
    public int Wait(TimeSpan? timeout = null)
    {
        timeout ??= _timeout;
        using (_cond.Enter())
        {
            Enter();
            var index = Count;
            Count = index + 1;
            try
            {
                if (index + 1 == Parties) Release();
                else WaitForRelease(timeout);
                return index;
            }
            finally
            {
                Count -= 1;
                Exit();
            }
        }
    }

    /// <summary>Python's <c>wait(timeout)</c> with the timeout in seconds.</summary>
    public int Wait(double timeoutSeconds) => Wait(TimeSpan.FromSeconds(timeoutSeconds));

    // Blocks while the barrier drains or resets.
    private void Enter()
    {
        while (State is Resetting or Draining) _cond.Wait();
        if (State < 0) throw new BrokenBarrierError();
    }

    private void Release()
    {
        try
        {
            _action?.Invoke();
            State = Draining;
            _cond.NotifyAll();
        }
        catch
        {
            Break();
            throw;
        }
    }

    private void WaitForRelease(TimeSpan? timeout)
    {
        if (!_cond.WaitFor(() => State != Filling, timeout))
        {
            Break();
            throw new BrokenBarrierError();
        }
        if (State < 0) throw new BrokenBarrierError();
    }

    // The last party out lets the next round in.
    private void Exit()
    {
        if (Count == 0 && State is Resetting or Draining)
        {
            State = Filling;
            _cond.NotifyAll();
        }
    }

    /// <summary>Python's <c>reset()</c>: back to the empty state; parties waiting now get <see cref="BrokenBarrierError"/>.</summary>
    public void Reset()
    {
        using (_cond.Enter())
        {
            if (Count > 0)
            {
                if (State is Filling or BrokenState) State = Resetting;
            }
            else
            {
                State = Filling;
            }
            _cond.NotifyAll();
        }
    }

    /// <summary>Python's <c>abort()</c>: breaks the barrier; every wait, now and later, fails with
    /// <see cref="BrokenBarrierError"/> until <see cref="Reset"/>.</summary>
    public void Abort()
    {
        using (_cond.Enter()) Break();
    }

    private void Break()
    {
        State = BrokenState;
        _cond.NotifyAll();
    }

    object? IReduceForChild.ReduceForChild(SpawningPopen popen)
    {
        SpawningPopen.AssertSpawning(this);
        if (_action is not null)
            throw new PicklingError("cannot pickle a Barrier with an action for a child: a .NET delegate has no Python "
                + "equivalent; make the barrier without an action (or run the action after Wait() in the party whose "
                + "index is 0)");
        return new PyObject(Class, PyTuple.Empty,
            new PyTuple(Parties, null, _timeout?.TotalSeconds, _cond, _wrapper));
    }

    /// <summary>CPython's <c>Barrier.__setstate__((parties, action, timeout, cond, wrapper))</c> in a .NET child.</summary>
    /// <exception cref="InvalidDataException">the state is not that, or the action is not None (a Python callable a
    /// .NET child cannot run).</exception>
    internal static Barrier Rebuild(PyObject pickled, ReductionTable table)
    {
        if (pickled.State is not (PyTuple and [var parties, var action, var timeout, var cond, var wrapper]))
            throw new InvalidDataException($"cannot rebuild a {Class}: its state is not (parties, action, timeout, cond, wrapper)");
        if (action is not null)
            throw new InvalidDataException($"cannot rebuild a {Class} with the action {PyRepr.Repr(action)}: a .NET child "
                + "cannot run a Python callable; pass a barrier without an action to a ported target");
        if (parties is not int count
            || !table.TryRebuild(cond, out var liveCond) || liveCond is not Condition c
            || !table.TryRebuild(wrapper, out var liveWrapper) || liveWrapper is not BufferWrapper w)
            throw new InvalidDataException($"cannot rebuild a {Class}: its state holds {PyRepr.Repr(parties)}, "
                + $"{(cond as PyObject)?.Type}, {(wrapper as PyObject)?.Type}, not parties, a Condition and a BufferWrapper");
        if (w.Size < sizeof(int) * 2)
            throw new InvalidDataException($"cannot rebuild a {Class}: its shared state has {w.Size} bytes, not two ints");
        TimeSpan? limit = timeout switch
        {
            null => null,
            double seconds => TimeSpan.FromSeconds(seconds),
            int seconds => TimeSpan.FromSeconds(seconds),
            _ => throw new InvalidDataException($"cannot rebuild a {Class}: its timeout {PyRepr.Repr(timeout)} is not a number"),
        };
        return new Barrier(count, null, limit, c, w);
    }

    /// <summary>The names of the semaphores under it.</summary>
    internal IEnumerable<string> SemaphoreNames => _cond.SemaphoreNames;

    /// <summary>Closes its semaphores and its shared memory in this process.</summary>
    public void Dispose()
    {
        _cond.Dispose();
        _wrapper.Dispose();
    }
}

/// <summary>Python's <c>threading.BrokenBarrierError</c> (a RuntimeError): the barrier was broken (aborted, reset, or
/// timed out) while or before this party waited.</summary>
public sealed class BrokenBarrierError() : InvalidOperationException("threading.BrokenBarrierError: the barrier is broken "
    + "(a party aborted it, reset it or timed out); Reset() it to use it again");
