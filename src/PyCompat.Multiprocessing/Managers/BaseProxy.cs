using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>
/// CPython's <c>multiprocessing.managers.BaseProxy</c>: stands for an object that lives in a manager's server (C#
/// or CPython). Each thread that calls a method opens its own connection (authenticated with the proxy's authkey,
/// then <c>accept_connection</c>), and each call is one <c>(id, method, args, kwds)</c> request. A proxy holds a
/// reference on the server from its creation (<c>incref</c>) until <see cref="Dispose"/> (<c>decref</c>), or, as
/// CPython's <c>util.Finalize(self, _decref, exitpriority=10)</c> does, until it is garbage collected or the process
/// exits; one rebuilt in a child as it starts holds none, as in CPython, where the parent's reference keeps the object.
/// Pickled (as a Process argument, say) it is CPython's <c>RebuildProxy(type, token, 'pickle', kwds)</c>, so a
/// child of either kind gets a proxy that reconnects.
/// </summary>
public abstract class BaseProxy : IDisposable
{
    private readonly ThreadLocal<Connection?> _connection = new(trackAllValues: true);
    private readonly BaseManager? _manager;
    private int _holdsReference;
    private Finalizer? _release;
    private ReleaseWhenCollected? _releaseWhenCollected;

    /// <summary>A proxy for <paramref name="token"/>.</summary>
    /// <param name="token">The object and its server.</param>
    /// <param name="authkey">The server's key; null for the manager's, else the current process's (CPython's order).</param>
    /// <param name="manager">The manager that made the proxy (its registry types the proxies methods return).</param>
    /// <param name="incref">True to take a reference on the server now.</param>
    protected BaseProxy(Token token, byte[]? authkey, BaseManager? manager, bool incref)
    {
        Token = token;
        _manager = manager;
        AuthKey = (authkey ?? manager?.AuthKey ?? Process.CurrentProcess().AuthKey).ToArray();
        if (incref) Incref();
    }

    /// <summary>The shared object's token.</summary>
    public Token Token { get; }

    /// <summary>The key the proxy authenticates with.</summary>
    internal byte[] AuthKey { get; }

    /// <summary>The Python class CPython rebuilds the proxy with (<c>multiprocessing.managers.DictProxy</c>...).</summary>
    protected abstract PyGlobal PythonClass { get; }

    /// <summary>The exposed methods an AutoProxy carries in its pickle; null for the named proxy types.</summary>
    private protected virtual IReadOnlyList<string>? AutoExposed => null;

    /// <summary>CPython's <c>_callmethod(methodname, args, kwds)</c>: calls the method on the shared object and
    /// returns a copy of the result (or a proxy, when the method's result is itself shared).</summary>
    /// <exception cref="PythonError">the method raised (KeyError, AttributeError...).</exception>
    /// <exception cref="RemoteError">the server could not run it (an unknown id, a method not exposed...).</exception>
    public object? CallMethod(string methodName, PyTuple? args = null, PyDict? kwds = null)
    {
        ObjectDisposedException.ThrowIf(_holdsReference < 0, this);
        var connection = _connection.Value ??= Connect();
        ManagerWire.Send(connection, new PyTuple(Token.Id, methodName, args ?? PyTuple.Empty, kwds ?? new PyDict()));
        var (kind, result) = ManagerWire.Reply(ManagerWire.Recv(connection, ManagerPickles.ClientOptions));
        if (kind == ManagerWire.Return) return result;
        if (kind == ManagerWire.Proxy && result is PyTuple { Count: 2 } proxy)
        {
            var token = Token.FromPickle(proxy[1]) with { Address = Token.Address };
            var made = ProxyTypes.Make(_manager, token, AuthKey, ExposedNames(proxy[0]), incref: true);
            Decref(token, AuthKey); // the server counted one reference for the reply
            return made;
        }
        throw ManagerWire.ToException(kind, result);
    }

    /// <summary><see cref="CallMethod(string, PyTuple?, PyDict?)"/> with positional arguments.</summary>
    protected object? Call(string methodName, params object?[] args) => CallMethod(methodName, new PyTuple(args));

    /// <summary>A copy of the shared object's value (CPython's <c>_getvalue()</c>).</summary>
    public object? GetValue() => CallMethod("#GETVALUE");

    /// <summary>The shared object's repr, as CPython's <c>str(proxy)</c> shows it.</summary>
    public override string ToString()
    {
        try
        {
            return CallMethod("__repr__") as string ?? "";
        }
        catch (Exception e) when (e is PythonError or RemoteError or IOException)
        {
            return $"<{GetType().Name} object, typeid '{Token.TypeId}'; '__str__()' failed>";
        }
    }

    /// <summary>Gives the server's reference back (<c>decref</c>) and closes this proxy's connections.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _holdsReference, -1) == 1) _release?.Run();
        if (_releaseWhenCollected is not null) GC.SuppressFinalize(_releaseWhenCollected);
        foreach (var connection in _connection.Values) connection?.Close();
        _connection.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Collected with a proxy dropped without <see cref="Dispose"/>, it gives the reference back on a pool thread
    /// (the finalizer thread must not wait for a server), as CPython's proxy does when its last reference goes.</summary>
    private sealed class ReleaseWhenCollected(Finalizer release)
    {
        ~ReleaseWhenCollected() => ThreadPool.UnsafeQueueUserWorkItem(static r => r.Run(), release, preferLocal: false);
    }

    // Holds what decref needs and not the proxy, so the registration does not keep the proxy alive.
    private static Action Release(Token token, byte[] authkey, BaseManager? manager) => () =>
    {
        if (manager?.IsShutDown == true) return;
        try
        {
            Decref(token, authkey);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or PythonError or RemoteError or AuthenticationError)
        {
            // The server has gone: nothing holds the object any more.
        }
    };

    /// <summary>CPython's <c>__reduce__</c>: <c>RebuildProxy(type, token, 'pickle', kwds)</c>, the authkey in kwds
    /// only for a child being spawned.</summary>
    internal PyObject Reduce(bool withAuthKey)
    {
        var kwds = new PyDict();
        if (withAuthKey)
            kwds["authkey"] = new PyObject(new PyGlobal("multiprocessing.process", "AuthenticationString"),
                new PyTuple(AuthKey.ToArray()), ViaReduce: true);
        var function = PythonClass;
        if (AutoExposed is { } exposed)
        {
            kwds["exposed"] = new PyTuple([.. exposed]);
            function = ProxyTypes.AutoProxyFunction;
        }
        return new PyObject(ManagerPickles.RebuildProxy, new PyTuple(function, Token.ToPickle(), "pickle", kwds), ViaReduce: true);
    }

    private Connection Connect()
    {
        var connection = Client.Connect(Token.Address, authkey: AuthKey);
        try
        {
            var name = Process.CurrentProcess().Name;
            // CPython adds the thread's name outside its main thread; a .NET thread has one only when it was given one.
            if (Thread.CurrentThread.Name is { } threadName) name += "|" + threadName;
            ManagerWire.Dispatch(connection, null, "accept_connection", new PyTuple(name));
            return connection;
        }
        catch
        {
            connection.Close();
            throw;
        }
    }

    private void Incref()
    {
        using var connection = Client.Connect(Token.Address, authkey: AuthKey);
        ManagerWire.Dispatch(connection, null, "incref", new PyTuple(Token.Id));
        _holdsReference = 1;
        _release = Finalizers.AtExit.Register(Release(Token, AuthKey, _manager), exitPriority: 10);
        _releaseWhenCollected = new ReleaseWhenCollected(_release);
    }

    internal static void Decref(Token token, byte[] authkey)
    {
        using var connection = Client.Connect(token.Address, authkey: authkey);
        ManagerWire.Dispatch(connection, null, "decref", new PyTuple(token.Id));
    }

    internal static IReadOnlyList<string> ExposedNames(object? value) => value switch
    {
        null => [],
        IEnumerable<object?> items => [.. items.Select(item => item as string ?? throw new InvalidDataException(
            $"an exposed method name is {PyRepr.Repr(item)}, not a str"))],
        _ => throw new InvalidDataException($"exposed is {PyRepr.Repr(value)}, not a sequence of names"),
    };
}
