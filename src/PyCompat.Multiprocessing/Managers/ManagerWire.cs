using PyCompat.Multiprocessing.Reduction;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>
/// The manager protocol's messages, as CPython's managers.py writes them: a request is the pickle of
/// <c>(id, methodname, args, kwds)</c>; a reply <c>('#RETURN', value)</c>, <c>('#ERROR', exception)</c>,
/// <c>('#TRACEBACK', text)</c>, <c>('#UNSERIALIZABLE', text)</c> or <c>('#PROXY', (exposed, token))</c>.
/// Values are pickled with protocol 4 (ForkingPickler's), proxies inside them as <c>RebuildProxy(...)</c>.
/// </summary>
internal static class ManagerWire
{
    public const string Return = "#RETURN";
    public const string Error = "#ERROR";
    public const string Traceback = "#TRACEBACK";
    public const string Unserializable = "#UNSERIALIZABLE";
    public const string Proxy = "#PROXY";

    /// <summary>Sends <paramref name="value"/>; proxies in it pickle as CPython's do.</summary>
    public static void Send(Connection connection, object? value) =>
        connection.SendBytes(PyPickle.Dumps(value, ProxyReducer.Instance, Connection.PickleProtocol));

    /// <summary>Receives one message, decoded with <paramref name="options"/>.</summary>
    public static object? Recv(Connection connection, PickleLoadOptions options) =>
        PyPickle.Loads(connection.RecvBytes(), options);

    /// <summary>CPython's <c>dispatch(c, id, methodname, args, kwds)</c>: one request, its reply's value.</summary>
    /// <exception cref="PythonError">the method raised ('#ERROR').</exception>
    /// <exception cref="RemoteError">the server failed otherwise ('#TRACEBACK').</exception>
    public static object? Dispatch(Connection connection, string? id, string method, PyTuple? args = null,
        PyDict? kwds = null, PickleLoadOptions? options = null)
    {
        Send(connection, new PyTuple(id, method, args ?? PyTuple.Empty, kwds ?? new PyDict()));
        var (kind, result) = Reply(Recv(connection, options ?? ManagerPickles.ClientOptions));
        return kind == Return ? result : throw ToException(kind, result);
    }

    /// <summary>A reply's kind and value.</summary>
    /// <exception cref="RemoteError">the message is not a (kind, value) pair.</exception>
    public static (string Kind, object? Result) Reply(object? message) =>
        message is PyTuple { Count: 2 } pair && pair[0] is string kind
            ? (kind, pair[1])
            : throw new RemoteError($"the manager sent {PyRepr.Repr(message)}, not a (kind, result) reply\n");

    /// <summary>CPython's <c>convert_to_error(kind, result)</c>.</summary>
    public static Exception ToException(string kind, object? result) => kind switch
    {
        Error => PythonError.FromPickle(result),
        Traceback when result is string text => new RemoteError(text),
        Unserializable when result is string text => new RemoteError("Unserializable message: " + text + "\n"),
        Traceback or Unserializable => PythonError.Builtin("TypeError",
            $"Result {PyRepr.Repr(result)} (kind '{kind}') type is {result?.GetType().Name ?? "NoneType"}, not str"),
        _ => PythonError.Builtin("ValueError", $"Unrecognized message type {PyRepr.Repr(kind)}"),
    };

    /// <summary>Pickles proxies (with the authkey only while a child is being spawned, as CPython does), then what
    /// <see cref="ReductionTable.Default"/> knows.</summary>
    private sealed class ProxyReducer : IPyReducer
    {
        public static readonly ProxyReducer Instance = new();

        public bool TryReduce(object value, out object? reduced)
        {
            if (value is BaseProxy proxy)
            {
                reduced = proxy.Reduce(withAuthKey: SpawningPopen.Current is not null);
                return true;
            }
            return ((IPyReducer)ReductionTable.Default).TryReduce(value, out reduced);
        }
    }
}
