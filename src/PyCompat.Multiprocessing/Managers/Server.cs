using System.Net;
using System.Net.Sockets;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>
/// CPython's <c>managers.Server</c> in .NET: a listener whose every connection is served by its own thread. A new
/// connection is first authenticated (CPython's handshake, either version: nothing it sends is read before), then
/// sends one request: <c>create</c>, <c>incref</c>, <c>decref</c>, <c>get_methods</c>, <c>dummy</c>,
/// <c>shutdown</c>... or <c>accept_connection</c>, after which the thread serves the proxy's method calls until the
/// client goes away. A request the server cannot read (not a pickle it decodes safely, longer than
/// <see cref="ManagerPickles.DefaultMaxRequestLength"/>) gets a '#TRACEBACK' reply; a client that dies mid-request
/// ends only its own thread.
/// </summary>
internal sealed class Server : IDisposable
{
    private readonly IReadOnlyDictionary<string, Registration> _registry;
    private readonly byte[] _authkey;
    private readonly PickleLoadOptions _options;
    private readonly Listener _listener;
    private readonly object _mutex = new();
    private readonly Dictionary<string, Entry> _objects = [];
    private readonly Dictionary<string, int> _refcounts = [];
    private readonly HashSet<Connection> _clients = [];
    private readonly ManualResetEventSlim _stopped = new(false);
    private long _nextId = 0x7f0000000000;

    private sealed record Entry(ISharedObject Target, HashSet<string> Exposed, IReadOnlyDictionary<string, string>? MethodToTypeId);

    public Server(IReadOnlyDictionary<string, Registration> registry, EndPoint? address, AddressFamily? family,
        byte[] authkey, PickleLoadOptions options)
    {
        _registry = registry;
        _authkey = authkey.ToArray();
        _options = options;
        // No authkey on the listener: each connection's thread runs the handshake, as CPython's handle_request does,
        // so a client that stalls in it holds up nobody else.
        _listener = new Listener(address, family, backlog: 128);
        Address = _listener.Address;
    }

    public EndPoint Address { get; }

    public bool IsStopped => _stopped.IsSet;

    /// <summary>Accepts connections until <see cref="Stop"/> (a client's 'shutdown' or the manager's).</summary>
    public void ServeForever()
    {
        while (!_stopped.IsSet)
        {
            Connection connection;
            try
            {
                connection = _listener.Accept();
            }
            catch (OSError) when (_stopped.IsSet)
            {
                return;
            }
            catch (OSError)
            {
                continue; // a client that reset before accept(2) returned
            }
            lock (_clients) _clients.Add(connection);
            new Thread(() => HandleRequest(connection)) { IsBackground = true, Name = "manager client" }.Start();
        }
    }

    /// <summary>Stops accepting and ends every client's connection.</summary>
    public void Stop()
    {
        if (_stopped.IsSet) return;
        _stopped.Set();
        _listener.Close();
        lock (_clients)
            foreach (var client in _clients)
                Posix.SocketCalls.shutdown(client.Fileno(), Posix.SocketCalls.SHUT_RDWR);
    }

    public void Dispose() => Stop();

    /// <summary>Number of shared objects (CPython's <c>number_of_objects</c>).</summary>
    public int NumberOfObjects
    {
        get { lock (_mutex) return _refcounts.Count; }
    }

    private void HandleRequest(Connection connection)
    {
        try
        {
            Handshake.DeliverChallenge(connection, _authkey);
            Handshake.AnswerChallenge(connection, _authkey);
        }
        catch (Exception e) when (e is AuthenticationError or IOException)
        {
            Forget(connection); // refused before anything of its was read as a request
            return;
        }
        connection.MaxMessageLength = (int)Math.Min(_options.MaxInputLength, Array.MaxLength);
        try
        {
            object? reply;
            try
            {
                var (_, function, args, kwds) = ReadRequest(connection);
                if (function == "accept_connection")
                {
                    ManagerWire.Send(connection, new PyTuple(ManagerWire.Return, null));
                    ServeClient(connection);
                    return;
                }
                reply = new PyTuple(ManagerWire.Return, Public(connection, function, args, kwds));
            }
            catch (Exception e) when (e is not EOFError)
            {
                reply = new PyTuple(ManagerWire.Traceback, ServerErrors.Traceback(e));
            }
            SendReply(connection, reply);
        }
        catch (IOException)
        {
            // The client went away mid-request (EOFError, reset, broken pipe): only its thread ends.
        }
        finally
        {
            Forget(connection);
        }
    }

    private void Forget(Connection connection)
    {
        lock (_clients) _clients.Remove(connection);
        connection.Close();
    }

    private (string? Id, string Method, PyTuple Args, PyDict Kwds) ReadRequest(Connection connection)
    {
        var request = ManagerWire.Recv(connection, _options);
        return request is PyTuple { Count: 4 } r && r[0] is null or string && r[1] is string method
            && r[2] is PyTuple args && r[3] is PyDict kwds
            ? ((string?)r[0], method, args, kwds)
            : throw PythonError.Builtin("ValueError",
                $"a request is (id, methodname, args, kwds), not {PyRepr.Repr(request, 200)}");
    }

    private object? Public(Connection connection, string function, PyTuple args, PyDict kwds)
    {
        var a = new CallArgs(function, args, kwds);
        switch (function)
        {
            case "dummy":
                return null;
            case "create":
                var typeid = a.Required(0, "typeid") as string ?? throw PythonError.Builtin("TypeError", "typeid must be a str");
                var (id, exposed) = Create(typeid, new PyTuple([.. args.Skip(1)]), kwds);
                return new PyTuple(id, new PyTuple([.. exposed]));
            case "incref":
                Incref(Ident(a.Required(0, "ident")));
                return null;
            case "decref":
                Decref(Ident(a.Required(0, "ident")));
                return null;
            case "get_methods":
                var token = Token.FromPickle(a.Required(0, "token"));
                lock (_mutex) return new PyTuple([.. Lookup(token.Id).Exposed]);
            case "number_of_objects":
                return NumberOfObjects;
            case "debug_info":
                lock (_mutex)
                    return string.Join("\n", _refcounts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
                        $"  {p.Key}:       refcount={p.Value}\n    {Truncate(_objects[p.Key].Target.Repr(), 75)}"));
            case "shutdown":
                ManagerWire.Send(connection, new PyTuple(ManagerWire.Return, null));
                Stop();
                throw new EOFError(); // the reply is sent; nothing more on this connection
            default:
                throw PythonError.Builtin("AssertionError", $"{PyRepr.Repr(function)} unrecognized");
        }
    }

    /// <summary>CPython's <c>Server.create</c>: makes (or, for a callable-less typeid, adopts) the object, with one
    /// reference for the creating client.</summary>
    public (string Id, IReadOnlyList<string> Exposed) Create(string typeid, PyTuple args, PyDict kwds, object? adopted = null)
    {
        if (!_registry.TryGetValue(typeid, out var registration))
            throw PythonError.Builtin("KeyError", typeid);
        object made;
        if (registration.Callable is null)
        {
            if (adopted is null && (kwds.Count > 0 || args.Count != 1))
                throw PythonError.Builtin("ValueError", "Without callable, must have one non-keyword argument");
            made = adopted ?? args[0]!;
        }
        else made = registration.Callable(args, kwds);
        var target = made as ISharedObject ?? new ReflectedObject(made);
        var exposed = (registration.Exposed ?? target.PublicMethods).ToList();
        if (registration.MethodToTypeId is { } methods) exposed.AddRange(methods.Keys);
        var id = Interlocked.Increment(ref _nextId).ToString("x");
        lock (_mutex)
        {
            _objects[id] = new Entry(target, [.. exposed], registration.MethodToTypeId);
            _refcounts.TryAdd(id, 0);
            _refcounts[id]++;
        }
        return (id, exposed);
    }

    private void Incref(string id)
    {
        lock (_mutex)
        {
            if (!_refcounts.ContainsKey(id)) throw PythonError.Builtin("KeyError", id);
            _refcounts[id]++;
        }
    }

    private void Decref(string id)
    {
        lock (_mutex)
        {
            if (!_refcounts.TryGetValue(id, out var count) || count <= 0)
                throw PythonError.Builtin("AssertionError", $"Id {id} has refcount {count}, not 1+");
            if (count > 1)
            {
                _refcounts[id] = count - 1;
                return;
            }
            _refcounts.Remove(id);
            _objects.Remove(id);
        }
    }

    /// <summary>CPython's <c>serve_client</c>: one request after another on this client thread's connection.</summary>
    private void ServeClient(Connection connection)
    {
        while (!_stopped.IsSet)
        {
            object? reply;
            try
            {
                var (id, name, args, kwds) = ReadRequest(connection);
                Entry entry;
                lock (_mutex) entry = Lookup(id ?? "");
                if (!entry.Exposed.Contains(name))
                    reply = Fallback(entry, name)
                        ?? new PyTuple(ManagerWire.Traceback, ServerErrors.Traceback(PythonError.Builtin("AttributeError",
                            $"method {PyRepr.Repr(name)} of <class '{entry.Target.PythonType}'> object is not in exposed="
                            + "{" + string.Join(", ", entry.Exposed.Order(StringComparer.Ordinal).Select(e => PyRepr.Repr(e))) + "}")));
                else reply = Call(entry, name, args, kwds);
            }
            catch (EOFError)
            {
                return;
            }
            catch (OSError) when (!connection.Readable || _stopped.IsSet)
            {
                // Oversized or cut request: the stream cannot be framed any more, so say why and end this connection.
                TrySend(connection, new PyTuple(ManagerWire.Traceback, "Traceback (most recent call last):\n"
                    + "  (in the .NET manager server)\nOSError: the request could not be read; the connection is closed\n"));
                return;
            }
            catch (Exception e) when (e is not IOException)
            {
                reply = new PyTuple(ManagerWire.Traceback, ServerErrors.Traceback(e));
            }
            SendReply(connection, reply);
        }
    }

    private object? Call(Entry entry, string name, PyTuple args, PyDict kwds)
    {
        object? result;
        try
        {
            result = entry.Target.Invoke(name, args, kwds);
        }
        catch (Exception e)
        {
            return new PyTuple(ManagerWire.Error, ServerErrors.ToPython(e).ToPickle());
        }
        if (entry.MethodToTypeId is { } map && map.TryGetValue(name, out var typeid))
        {
            var (id, exposed) = Create(typeid, PyTuple.Empty, new PyDict(), adopted: result);
            return new PyTuple(ManagerWire.Proxy, new PyTuple(new PyTuple([.. exposed]), new Token(typeid, Address, id).ToPickle()));
        }
        return new PyTuple(ManagerWire.Return, result);
    }

    // CPython's fallback_mapping: __str__, __repr__ and #GETVALUE work on any object, exposed or not.
    private static PyTuple? Fallback(Entry entry, string name) => name switch
    {
        "__str__" or "__repr__" => new PyTuple(ManagerWire.Return, entry.Target.Repr()),
        "#GETVALUE" => new PyTuple(ManagerWire.Return, entry.Target.Value),
        _ => null,
    };

    private Entry Lookup(string id) =>
        _objects.TryGetValue(id, out var entry) ? entry : throw PythonError.Builtin("KeyError", id);

    private static string Ident(object? value) =>
        value as string ?? throw PythonError.Builtin("TypeError", $"an object id is a str, not {PyRepr.Repr(value)}");

    private static void SendReply(Connection connection, object? reply)
    {
        try
        {
            ManagerWire.Send(connection, reply);
        }
        catch (PicklingError e)
        {
            ManagerWire.Send(connection, new PyTuple(ManagerWire.Unserializable, ServerErrors.Traceback(e)));
        }
    }

    private static void TrySend(Connection connection, object? reply)
    {
        try
        {
            if (connection.Writable && !connection.Closed) ManagerWire.Send(connection, reply);
        }
        catch (IOException)
        {
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
