using PyCompat.Multiprocessing.Hosting;
using PyCompat.Multiprocessing.Reduction;
using PyCompat.Pickling;
using Lock = PyCompat.Multiprocessing.Synchronize.Lock;

namespace PyCompat.Multiprocessing.Queues;

/// <summary>
/// CPython's <c>multiprocessing.SimpleQueue()</c> (multiprocessing/queues.py): a one-way pipe with a lock on each end,
/// no feeder thread and no size limit, shared by processes of either kind. <see cref="Put"/> pickles the item and
/// writes it under the write lock; <see cref="Get"/> reads one message under the read lock and unpickles it after
/// releasing it. Passed as an argument of a <see cref="Process"/> it pickles as CPython's does under spawn (its class,
/// then <c>(reader, writer, rlock, wlock)</c>), so a CPython child rebuilds it, and a CPython parent's
/// <c>SimpleQueue</c> is rebuilt by a .NET child into this class on the same pipe and semaphores.
/// </summary>
public sealed class SimpleQueue : IReduceForChild, IDisposable
{
    internal static readonly PyGlobal Class = new("multiprocessing.queues", "SimpleQueue");
    private readonly Connection _reader;
    private readonly Connection _writer;
    private readonly Lock _rlock;
    private readonly Lock _wlock;

    /// <summary>A new, empty queue: a fresh pipe and two fresh locks.</summary>
    public SimpleQueue()
    {
        (_reader, _writer) = Connection.Pipe(duplex: false);
        _rlock = new Lock();
        _wlock = new Lock();
    }

    private SimpleQueue(Connection reader, Connection writer, Lock rlock, Lock wlock)
    {
        _reader = reader;
        _writer = writer;
        _rlock = rlock;
        _wlock = wlock;
    }

    /// <summary>What <see cref="Get"/> accepts from a pickle: <see cref="PickleLoadOptions.Trusted"/> unless set, as the
    /// processes sharing a queue are one program (class instances decode as <see cref="PyObject"/>s).</summary>
    public PickleLoadOptions PickleOptions { get; set; } = PickleLoadOptions.Trusted;

    /// <summary>Python's <c>put(obj)</c>: pickles <paramref name="item"/> (before taking the lock) and sends it.</summary>
    /// <exception cref="PicklingError">the item has no Python equivalent (nothing is sent).</exception>
    /// <exception cref="OSError">the queue is closed ('handle is closed').</exception>
    public void Put(object? item) => PutBytes(ForkingPickler.Dumps(item));

    /// <summary>Sends one message already pickled (a pool worker passes on a result as CPython pickled it).</summary>
    internal void PutBytes(ReadOnlySpan<byte> message)
    {
        using (_wlock.Enter())
            _writer.SendBytes(message);
    }

    /// <summary>Receives one message, not unpickled (a pool worker passes a task on as its parent pickled it).</summary>
    internal byte[] GetBytes()
    {
        using (_rlock.Enter())
            return _reader.RecvBytes();
    }

    /// <summary>
    /// CPython's <c>Pool._help_stuff_finish</c>: reads and drops messages while <paramref name="keepGoing"/> holds and one
    /// is waiting, with the read lock held throughout, so that a worker still reading cannot take the message between the
    /// poll and the read (the read would then wait for ever: a pool's terminate hung so once).
    /// </summary>
    internal void DrainWhile(Func<bool> keepGoing)
    {
        using (_rlock.Enter())
            while (keepGoing() && _reader.Poll()) _reader.RecvBytes();
    }

    /// <summary>Closes only the reading end (true) or only the writing end, as a pool worker closes the ends it does not use.</summary>
    internal void CloseEnd(bool reader) => (reader ? _reader : _writer).Close();

    /// <summary>Python's <c>get()</c>: waits for an item and returns it, unpickled after the lock is released.</summary>
    /// <exception cref="EOFError">every writer has closed the pipe.</exception>
    /// <exception cref="OSError">the queue is closed ('handle is closed').</exception>
    public object? Get() => ForkingPickler.Loads(GetBytes(), PickleOptions);

    /// <summary><see cref="Get"/>, the item converted to <typeparamref name="T"/> as a port's parameter is (a Python
    /// int to any integer type, a list to <c>List&lt;T&gt;</c> or an array, an instance of a Python class to the C# class
    /// that ports it with <see cref="PyClassAttribute"/>...).</summary>
    /// <exception cref="InvalidCastException">the item cannot become a <typeparamref name="T"/>.</exception>
    public T Get<T>() => QueueItems.Convert<T>(Get());

    /// <summary>Python's <c>empty()</c>: true when no item is waiting in the pipe.</summary>
    public bool Empty() => !_reader.Poll();

    /// <summary>Python's <c>close()</c>: closes this process's ends of the pipe (the locks stay for other users).</summary>
    public void Close()
    {
        _reader.Close();
        _writer.Close();
    }

    /// <summary><see cref="Close"/>, and the locks' semaphores too (the process that made them removes their names).</summary>
    public void Dispose()
    {
        Close();
        _rlock.Dispose();
        _wlock.Dispose();
    }

    /// <summary>The fds of its pipe.</summary>
    internal IEnumerable<int> Fds => [_reader.Fileno(), _writer.Fileno()];

    /// <summary>The names of its locks' semaphores.</summary>
    internal IEnumerable<string> SemaphoreNames => [_rlock.Name, _wlock.Name];

    /// <inheritdoc/>
    public override string ToString() => $"<multiprocessing.queues.SimpleQueue reader={_reader} writer={_writer}>";

    object? IReduceForChild.ReduceForChild(SpawningPopen popen)
    {
        SpawningPopen.AssertSpawning(this);
        return new PyObject(Class, PyTuple.Empty, new PyTuple(_reader, _writer, _rlock, _wlock));
    }

    /// <summary>CPython's <c>SimpleQueue.__setstate__</c>: the pipe ends and locks a parent passed.</summary>
    internal static SimpleQueue Rebuild(PyObject pickled, ReductionTable table)
    {
        var parts = QueueItems.RebuildState(pickled, table, 4, "(reader, writer, rlock, wlock)");
        if (parts is not [Connection reader, Connection writer, Lock rlock, Lock wlock])
            throw QueueItems.BadState(pickled, "(reader, writer, rlock, wlock)");
        return new SimpleQueue(reader, writer, rlock, wlock);
    }
}
