using PyCompat.Multiprocessing.Reduction;
using PyCompat.Multiprocessing.Synchronize;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Pool;

/// <summary>
/// A pool queue rebuilt in a .NET child from CPython's pickle of <c>multiprocessing.queues.SimpleQueue</c> under
/// spawn: its state is <c>(reader, writer, rlock, wlock)</c>, each connection
/// <c>rebuild_connection(_DupFd(fd), readable, writable)</c> over an fd the parent passed at the same number, each lock
/// a named SemLock. Reads hold <c>rlock</c> and writes <c>wlock</c>, as CPython's <c>get</c> and <c>put</c> do, so .NET
/// and CPython workers can share one queue.
/// </summary>
internal sealed class PickledSimpleQueue : IPoolQueue
{
    private static readonly PyGlobal RebuildConnection = new("multiprocessing.connection", "rebuild_connection");
    private readonly Connection _reader;
    private readonly Connection _writer;
    private readonly SemLockObject _readLock;
    private readonly SemLockObject? _writeLock;

    private PickledSimpleQueue(Connection reader, Connection writer, SemLockObject readLock, SemLockObject? writeLock)
    {
        _reader = reader;
        _writer = writer;
        _readLock = readLock;
        _writeLock = writeLock;
    }

    /// <summary>Whether <paramref name="value"/> is a pickled SimpleQueue.</summary>
    public static bool IsOne(object? value) => value is PyObject { Type: var type } && type == PoolNames.SimpleQueue;

    /// <exception cref="InvalidDataException">the value is not a SimpleQueue pickled under spawn.</exception>
    public static PickledSimpleQueue Rebuild(object? value, ReductionTable table)
    {
        if (value is not PyObject { State: PyTuple { Count: 4 } state } queue || queue.Type != PoolNames.SimpleQueue)
            throw new InvalidDataException($"expected a pickled multiprocessing.queues.SimpleQueue, got {PyTypeName(value)}");
        return new PickledSimpleQueue(ConnectionOf(state[0]), ConnectionOf(state[1]), LockOf(state[2], table)!, LockOf(state[3], table));
    }

    public byte[] GetBytes()
    {
        using (_readLock.Enter())
            return _reader.RecvBytes();
    }

    public void PutBytes(ReadOnlySpan<byte> message)
    {
        if (_writeLock is null)
        {
            _writer.SendBytes(message);
            return;
        }
        using (_writeLock.Enter())
            _writer.SendBytes(message);
    }

    public void CloseUnusedEnd(bool reading) => (reading ? _writer : _reader).Close();

    private static Connection ConnectionOf(object? value)
    {
        if (value is PyObject { Args: { Count: 3 } args } rebuilt && rebuilt.Type == RebuildConnection
            && args[0] is PyObject { State: IReadOnlyDictionary<object?, object?> state } && state.TryGetValue("fd", out var number) && number is int fd && args[1] is bool readable && args[2] is bool writable)
            return new Connection(fd, readable, writable);
        throw new InvalidDataException($"expected a connection pickled for a spawn child (rebuild_connection(_DupFd(fd), ...)), got {PyTypeName(value)}");
    }

    private static SemLockObject? LockOf(object? value, ReductionTable table)
    {
        if (value is null) return null;
        return table.TryRebuild(value, out var live) && live is SemLockObject semLock ? semLock
            : throw new InvalidDataException($"expected a pickled multiprocessing Lock, got {PyTypeName(value)}");
    }

    private static string PyTypeName(object? value) => value is PyObject o ? $"{o.Type.Module}.{o.Type.Name}" : Hosting.PyTypeNames.Of(value);
}
