using System.Diagnostics;
using PyCompat.Multiprocessing.Reduction;
using PyCompat.Multiprocessing.Synchronize;
using PyCompat.Pickling;
using EmptyError = PyCompat.Multiprocessing.Queues.Empty;
using FullError = PyCompat.Multiprocessing.Queues.Full;
using Lock = PyCompat.Multiprocessing.Synchronize.Lock;

namespace PyCompat.Multiprocessing.Queues;

/// <summary>
/// CPython's <c>multiprocessing.Queue(maxsize=0)</c> (multiprocessing/queues.py), shared by processes of either kind: a
/// one-way pipe, a read lock and a write lock, a <see cref="BoundedSemaphore"/> of <c>maxsize</c> places, and in each
/// process that puts, a feeder thread that pickles the buffered items and writes them to the pipe, so
/// <see cref="Put(object?, bool, TimeSpan?)"/> returns at once. At exit a process sends what it buffered before it ends (unless
/// <see cref="CancelJoinThread"/>). Passed as an argument of a <see cref="Process"/> it pickles as CPython's does
/// under spawn, <c>(ignore_epipe, maxsize, reader, writer, rlock, wlock, sem, opid)</c>, so a CPython child rebuilds
/// it, and a .NET child rebuilds a CPython parent's queue into this class on the same pipe and semaphores.
/// </summary>
public class Queue : IReduceForChild, IDisposable
{
    internal static readonly PyGlobal Class = new("multiprocessing.queues", "Queue");
    private const string StateNames = "(ignore_epipe, maxsize, reader, writer, rlock, wlock, sem, opid)";
    private readonly int _maxSize;
    private readonly Connection _reader;
    private readonly Connection _writer;
    private readonly Lock _rlock;
    private readonly Lock? _wlock;
    private readonly BoundedSemaphore _sem;
    private readonly bool _ignoreEpipe;
    private readonly int _opid;
    private readonly object _start = new();
    private FeederThread? _feeder;

    /// <summary>The feeder thread now running, if any (its exit-time flush is what the exit handler runs).</summary>
    internal FeederThread? Feeder
    {
        get { lock (_start) return _feeder; }
    }
    private bool _joinCancelled;
    private volatile bool _closed;

    /// <summary>A new, empty queue holding at most <paramref name="maxSize"/> items (0 or less: no limit but the
    /// semaphore's, <c>SEM_VALUE_MAX</c>, as in CPython).</summary>
    public Queue(int maxSize = 0)
    {
        _maxSize = maxSize <= 0 ? Posix.Semaphores.SemValueMax : maxSize;
        (_reader, _writer) = Connection.Pipe(duplex: false);
        _rlock = new Lock();
        _opid = Environment.ProcessId;
        _wlock = new Lock();
        _sem = new BoundedSemaphore(_maxSize);
    }

    private protected Queue(object?[] state)
    {
        if (state is not [bool ignoreEpipe, int maxSize, Connection reader, Connection writer, Lock rlock, Lock or null, BoundedSemaphore sem, int opid])
            throw new InvalidDataException($"a queue's state is not {StateNames}");
        (_ignoreEpipe, _maxSize, _reader, _writer, _rlock, _wlock, _sem, _opid) =
            (ignoreEpipe, maxSize, reader, writer, rlock, state[5] as Lock, sem, opid);
    }

    /// <summary>What <see cref="Get(bool, TimeSpan?)"/> accepts from a pickle: <see cref="PickleLoadOptions.Trusted"/>
    /// unless set, as the processes sharing a queue are one program (class instances decode as <see cref="PyObject"/>s).</summary>
    public PickleLoadOptions PickleOptions { get; set; } = PickleLoadOptions.Trusted;

    /// <summary>The most items the queue holds (CPython's <c>_maxsize</c>).</summary>
    public int MaxSize => _maxSize;

    /// <summary>Python's <c>put(obj, block=True, timeout=None)</c>: takes a place in the queue (waiting for one up to
    /// <paramref name="timeout"/>, or not at all when <paramref name="block"/> is false) and hands the item to the
    /// feeder thread, which pickles and sends it. A pickling error shows in the feeder's traceback on stderr, as in CPython.</summary>
    /// <exception cref="T:PyCompat.Multiprocessing.Queues.Full">no place came free in time (Python's <c>queue.Full</c>).</exception>
    /// <exception cref="InvalidOperationException">the queue is closed (Python's ValueError "Queue ... is closed").</exception>
    public void Put(object? item, bool block = true, TimeSpan? timeout = null)
    {
        CheckOpen();
        if (!_sem.Acquire(block, timeout)) throw new FullError();
        Buffer(item);
    }

    /// <summary>Python's <c>put(obj, block, timeout)</c> with the timeout in seconds.</summary>
    public void Put(object? item, bool block, double timeoutSeconds) => Put(item, block, TimeSpan.FromSeconds(timeoutSeconds));

    /// <summary>Python's <c>put_nowait(obj)</c>.</summary>
    public void PutNowait(object? item) => Put(item, block: false);

    /// <summary>Python's <c>get(block=True, timeout=None)</c>: the next item, unpickled after the read lock is released.</summary>
    /// <exception cref="T:PyCompat.Multiprocessing.Queues.Empty">no item came in time, or none was waiting when <paramref name="block"/> is false.</exception>
    /// <exception cref="InvalidOperationException">the queue is closed.</exception>
    /// <exception cref="EOFError">every writer closed the pipe.</exception>
    public object? Get(bool block = true, TimeSpan? timeout = null)
    {
        CheckOpen();
        byte[] message;
        if (block && timeout is null)
        {
            message = GetBytes();
        }
        else
        {
            var started = Stopwatch.GetTimestamp();
            if (!_rlock.Acquire(block, timeout)) throw new EmptyError();
            try
            {
                if (!_reader.Poll(block ? timeout!.Value - Stopwatch.GetElapsedTime(started) : TimeSpan.Zero)) throw new EmptyError();
                message = _reader.RecvBytes();
                _sem.Release();
            }
            finally
            {
                _rlock.Release();
            }
        }
        return ForkingPickler.Loads(message, PickleOptions);
    }

    /// <summary>A blocking <c>get()</c> that returns the message not unpickled (a <c>concurrent.futures</c> worker
    /// passes a task on as its parent pickled it).</summary>
    internal byte[] GetBytes()
    {
        byte[] message;
        using (_rlock.Enter())
            message = _reader.RecvBytes();
        _sem.Release();
        return message;
    }

    /// <summary>Python's <c>get(block, timeout)</c> with the timeout in seconds.</summary>
    public object? Get(bool block, double timeoutSeconds) => Get(block, TimeSpan.FromSeconds(timeoutSeconds));

    /// <summary>Python's <c>get_nowait()</c>.</summary>
    public object? GetNowait() => Get(block: false);

    /// <summary><see cref="Get(bool, TimeSpan?)"/>, the item converted to <typeparamref name="T"/> as a port's parameter
    /// is (a Python int to any integer type, a list to <c>List&lt;T&gt;</c>, an instance of a Python class to the C#
    /// class that ports it with <see cref="PyClassAttribute"/>, None to null...).</summary>
    /// <exception cref="InvalidCastException">the item cannot become a <typeparamref name="T"/>.</exception>
    public T Get<T>(bool block = true, TimeSpan? timeout = null) => QueueItems.Convert<T>(Get(block, timeout));

    /// <summary>
    /// <see cref="Get(bool, TimeSpan?)"/> for <c>await</c>: the next item. A thread of its own (not a thread-pool
    /// thread) runs the blocking <c>get</c> in slices of 50 ms, between which <paramref name="cancellationToken"/> is
    /// looked at; a cancelled wait has taken no item.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task<object?> GetAsync(CancellationToken cancellationToken = default) => AsyncWait.Run(() =>
    {
        object? item = null;
        AsyncWait.Loop(slice =>
        {
            try
            {
                item = Get(true, slice);
                return true;
            }
            catch (EmptyError)
            {
                return false;
            }
        }, null, cancellationToken);
        return item;
    }, cancellationToken);

    /// <summary>Python's <c>qsize()</c>: how many items are in the queue (put and not yet got), by the semaphore.</summary>
    public int QSize() => _maxSize - _sem.GetValue();

    /// <summary>Python's <c>empty()</c>: true when no item is waiting in the pipe (items still in a feeder are not).</summary>
    public bool Empty() => !_reader.Poll();

    /// <summary>Python's <c>full()</c>: true when every place is taken.</summary>
    public bool Full() => _sem.GetValue() == 0;

    /// <summary>Python's <c>close()</c>: this process puts no more; its feeder sends what it holds, then closes the pipe.</summary>
    public void Close()
    {
        lock (_start)
        {
            if (_closed) return;
            _closed = true;
            _feeder?.Close();
        }
    }

    /// <summary>Python's <c>join_thread()</c>: after <see cref="Close"/>, waits until the feeder has sent everything.</summary>
    /// <exception cref="InvalidOperationException">the queue is not closed (Python's AssertionError "Queue ... not closed").</exception>
    public void JoinThread()
    {
        Logging.Debug("Queue.join_thread()");
        if (!_closed) throw new InvalidOperationException($"Queue {this} not closed");
        FeederThread? feeder;
        lock (_start) feeder = _joinCancelled ? null : _feeder;
        feeder?.Join();
    }

    /// <summary>Python's <c>cancel_join_thread()</c>: the process may exit without waiting for its feeder (what it has
    /// not sent yet is lost).</summary>
    public void CancelJoinThread()
    {
        Logging.Debug("Queue.cancel_join_thread()");
        lock (_start)
        {
            _joinCancelled = true;
            if (_feeder is not null) _feeder.JoinAtExit = false;
        }
    }

    /// <summary><see cref="Close"/> and <see cref="JoinThread"/> (unless cancelled), then closes the pipe and the
    /// semaphores (the process that made them removes their names; children keep theirs).</summary>
    public void Dispose()
    {
        Close();
        JoinThread();
        _reader.Close();
        _writer.Close();
        DisposeSemaphores();
        GC.SuppressFinalize(this);
    }

    /// <summary>The fds of its pipe.</summary>
    internal IEnumerable<int> Fds => [_reader.Fileno(), _writer.Fileno()];

    /// <summary>The names of its semaphores.</summary>
    internal virtual IEnumerable<string> SemaphoreNames => [_rlock.Name, .. _wlock is null ? Array.Empty<string>() : [_wlock.Name], _sem.Name];

    private protected virtual void DisposeSemaphores()
    {
        _rlock.Dispose();
        _wlock?.Dispose();
        _sem.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"<{Class.Module}.{GetType().Name} object maxsize={_maxSize}{(_closed ? " closed" : "")}>";

    /// <summary>What <see cref="Put(object?, bool, TimeSpan?)"/> does once it has a place: buffer the item.</summary>
    private protected virtual void Buffer(object? item) => Enqueue(item);

    /// <summary>Buffers an item for the feeder thread, starting it on the first put (CPython's <c>_start_thread</c>).</summary>
    private protected void Enqueue(object? item, Action? whileHeld = null)
    {
        lock (_start)
        {
            if (_feeder?.TryAdd(item, whileHeld) is true) return;
            // The first put, or the first after the exit-time handler ended the feeder (Process.JoinAllAtExit mid-program).
            _feeder = new FeederThread(_reader, _writer, _wlock, _sem, _ignoreEpipe) { JoinAtExit = !_joinCancelled };
            _feeder.TryAdd(item, whileHeld);
        }
    }

    private protected void CheckOpen()
    {
        if (_closed) throw new InvalidOperationException($"Queue {this} is closed");
    }

    /// <summary>The state CPython's <c>Queue.__getstate__</c> writes.</summary>
    private protected object?[] State() => [_ignoreEpipe, _maxSize, _reader, _writer, _rlock, _wlock, _sem, _opid];

    private protected virtual PyGlobal PythonClass => Class;

    private protected virtual PyTuple PickledState() => new(State());

    object? IReduceForChild.ReduceForChild(SpawningPopen popen)
    {
        SpawningPopen.AssertSpawning(this);
        return new PyObject(PythonClass, PyTuple.Empty, PickledState());
    }

    /// <summary>CPython's <c>Queue.__setstate__</c>: the pipe ends and semaphores a parent passed.</summary>
    internal static Queue Rebuild(PyObject pickled, ReductionTable table)
    {
        var parts = QueueItems.RebuildState(pickled, table, 8, StateNames);
        try
        {
            return new Queue(parts);
        }
        catch (InvalidDataException)
        {
            throw QueueItems.BadState(pickled, StateNames);
        }
    }
}
