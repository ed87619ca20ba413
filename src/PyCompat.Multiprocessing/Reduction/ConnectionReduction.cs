using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Reduction;

/// <summary>
/// A <see cref="Connection"/> passed to a spawn child, as CPython's <c>connection.reduce_connection</c> pickles it on
/// POSIX: <c>rebuild_connection(DupFd(fileno), readable, writable)</c>, the fd handed to the child at the same number
/// (<c>popen_spawn_posix._DupFd</c>). A CPython child rebuilds it with its own <c>rebuild_connection</c>; a .NET child
/// with <see cref="Rebuild"/>, so either end of a pipe can be given to a child of either kind.
/// </summary>
internal static class ConnectionReduction
{
    public static readonly PyGlobal RebuildConnection = new("multiprocessing.connection", "rebuild_connection");
    private static readonly PyGlobal SpawnDupFd = new("multiprocessing.popen_spawn_posix", "_DupFd");

    public static object Reduce(Connection connection, SpawningPopen popen)
    {
        var fd = popen.DuplicateForChild(connection.Fileno());
        var dupFd = new PyObject(SpawnDupFd, PyTuple.Empty, new Dictionary<string, object?> { ["fd"] = fd });
        return new PyObject(RebuildConnection, new PyTuple(dupFd, connection.Readable, connection.Writable), ViaReduce: true);
    }

    /// <summary>CPython's <c>rebuild_connection(df, readable, writable)</c>: the fd the parent passed, now this
    /// process's, wrapped in a Connection that owns it.</summary>
    /// <exception cref="InvalidDataException">the arguments are not a spawn <c>_DupFd</c> and two booleans.</exception>
    public static Connection Rebuild(PyObject pickled)
    {
        if (pickled.Args is not [PyObject { Type: var dupType, State: IReadOnlyDictionary<object?, object?> state }, bool readable, bool writable]
            || dupType != SpawnDupFd || !state.TryGetValue("fd", out var value) || value is not int fd || fd < 0)
            throw new InvalidDataException($"cannot rebuild a connection from {PickledText.Describe(pickled.Args)}: expected "
                + "(multiprocessing.popen_spawn_posix._DupFd with an fd, readable, writable), as a spawn parent pickles it");
        return new Connection(fd, readable, writable);
    }
}
