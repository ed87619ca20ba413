using System.Net;
using System.Net.Sockets;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>
/// CPython's <c>multiprocessing.managers.BaseManager</c>: either the server of shared objects (<see cref="Start"/>
/// or <see cref="ServeForever"/>) or a client of one, C# or CPython (<see cref="Connect"/>); in both roles
/// <see cref="Create(string, object?[])"/> makes an object on the server and returns its proxy.
/// <para>
/// <see cref="Start"/> serves from a thread of this process, not from a child process as CPython does: the objects
/// are made by the C# delegates given to <see cref="Register"/>, which exist only in this process (CPython's child
/// gets its registry by pickling or forking, which .NET delegates cannot do), and .NET threads run in parallel, so a
/// separate process would buy no throughput. The server ends with <see cref="Shutdown"/> or with this process, as
/// CPython's ends with its manager's process. Registrations belong to the instance (CPython's belong to the class),
/// so two managers never share a registry.
/// </para>
/// </summary>
public class BaseManager : IDisposable
{
    private readonly Dictionary<string, Registration> _registry = [];
    private readonly AddressFamily? _family;
    private EndPoint? _address;
    private Server? _server;
    private Thread? _serverThread;
    private int _state; // CPython's State: 0 initial, 1 started, 2 shut down

    /// <summary>A manager for <paramref name="address"/> (null: a fresh Unix socket, or 127.0.0.1 with a free port
    /// for <see cref="AddressFamily.InterNetwork"/>) and <paramref name="authkey"/> (null: the current process's).</summary>
    public BaseManager(EndPoint? address = null, byte[]? authkey = null, AddressFamily? family = null)
    {
        _address = address;
        _family = family;
        AuthKey = (authkey ?? Process.CurrentProcess().AuthKey).ToArray();
    }

    /// <summary>The server's address (after <see cref="Start"/>, with the socket or port it got).</summary>
    public EndPoint? Address => _address;

    /// <summary>The key clients and server prove to each other.</summary>
    public byte[] AuthKey { get; }

    /// <summary>How the server decodes requests: the safe options plus the manager's own classes
    /// (<see cref="ManagerPickles.ServerOptions"/>); set <see cref="PickleLoadOptions.Trusted"/>-like options to let
    /// clients send other class instances.</summary>
    public PickleLoadOptions RequestOptions { get; init; } = ManagerPickles.ServerOptions;

    internal bool IsShutDown => Volatile.Read(ref _state) == 2;

    /// <summary>CPython's <c>register(typeid, callable, proxytype, exposed, method_to_typeid)</c>.</summary>
    /// <param name="typeid">The name the object is created by.</param>
    /// <param name="callable">Makes the object (server side) from the client's arguments: an <see cref="ISharedObject"/>,
    /// or any object whose public methods are then called by reflection. Null for a typeid only methods return.</param>
    /// <param name="exposed">The method names clients may call; null for all public ones.</param>
    /// <param name="proxy">Makes the client's proxy; null for an <see cref="AutoProxy"/>.</param>
    /// <param name="methodToTypeId">Methods whose result is returned as a proxy of that typeid.</param>
    /// <returns>This manager.</returns>
    public BaseManager Register(string typeid, Func<PyTuple, PyDict, object>? callable = null,
        IEnumerable<string>? exposed = null, ProxyFactory? proxy = null, IReadOnlyDictionary<string, string>? methodToTypeId = null)
    {
        if (_state != 0) throw new InvalidOperationException("register typeids before the manager starts or connects");
        _registry[typeid] = new Registration(typeid, callable, exposed?.ToList(), methodToTypeId, proxy);
        return this;
    }

    /// <summary>Starts the server in a background thread of this process (see the class remarks for why).</summary>
    /// <exception cref="InvalidOperationException">already started or shut down.</exception>
    public void Start()
    {
        var server = Bind();
        _serverThread = new Thread(server.ServeForever) { IsBackground = true, Name = "manager server" };
        _serverThread.Start();
    }

    /// <summary>CPython's <c>get_server().serve_forever()</c>: serves in the calling thread until a client sends
    /// 'shutdown' or <see cref="Shutdown"/> is called from another thread.</summary>
    public void ServeForever() => Bind().ServeForever();

    /// <summary>Connects to a running server (CPython's <c>connect()</c>: one 'dummy' request proves the key).</summary>
    /// <exception cref="AuthenticationError">the keys differ.</exception>
    /// <exception cref="OSError">nothing listens at <see cref="Address"/>.</exception>
    public void Connect()
    {
        var address = _address ?? throw new InvalidOperationException("connect needs the server's address");
        using (var connection = Client.Connect(address, authkey: AuthKey))
            ManagerWire.Dispatch(connection, null, "dummy");
        _state = 1;
    }

    /// <summary>Stops this manager's own server (its clients' connections end); for a connected manager, forgets
    /// the server. Proxies made by this manager no longer give their references back.</summary>
    public void Shutdown()
    {
        if (Interlocked.Exchange(ref _state, 2) == 2) return;
        _server?.Stop();
        _serverThread?.Join(TimeSpan.FromSeconds(5));
    }

    /// <inheritdoc cref="Shutdown"/>
    public void Dispose()
    {
        Shutdown();
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates a <paramref name="typeid"/> object on the server with <paramref name="args"/> and returns its
    /// proxy (CPython's <c>manager.typeid(*args)</c>).</summary>
    /// <exception cref="RemoteError">the server does not know the typeid, or its callable failed.</exception>
    public BaseProxy Create(string typeid, params object?[] args) => Create(typeid, new PyTuple(args), new PyDict());

    /// <summary><see cref="Create(string, object?[])"/> with keyword arguments.</summary>
    public BaseProxy Create(string typeid, PyTuple args, PyDict kwds)
    {
        if (_state != 1) throw new InvalidOperationException("Manager has not been started or connected: call Start() or Connect()");
        var address = _address!;
        Token token;
        IReadOnlyList<string> exposed;
        using (var connection = Client.Connect(address, authkey: AuthKey))
        {
            var reply = ManagerWire.Dispatch(connection, null, "create", new PyTuple([typeid, .. args]), kwds);
            if (reply is not PyTuple { Count: 2 } pair || pair[0] is not string id)
                throw new RemoteError($"create returned {PyRepr.Repr(reply)}, not (id, exposed)\n");
            token = new Token(typeid, address, id);
            exposed = BaseProxy.ExposedNames(pair[1]);
        }
        var proxy = (ProxyFactoryFor(typeid) ?? ProxyTypes.Auto)(token, AuthKey, this, exposed, true);
        BaseProxy.Decref(token, AuthKey); // create counted one reference for the reply; the proxy holds its own
        return proxy;
    }

    /// <summary>The registered proxy factory of <paramref name="typeid"/>, if any.</summary>
    internal ProxyFactory? ProxyFactoryFor(string typeid) =>
        _registry.TryGetValue(typeid, out var registration) ? registration.Proxy ?? ProxyTypes.Auto : null;

    private Server Bind()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
            throw new InvalidOperationException("the manager has already been started, connected or shut down");
        _server = new Server(_registry, _address, _family, AuthKey, RequestOptions);
        _address = _server.Address;
        return _server;
    }
}
