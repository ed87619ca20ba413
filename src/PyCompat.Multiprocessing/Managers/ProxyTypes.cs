using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>Makes a proxy for a token: CPython's <c>proxytype(token, serializer, manager, authkey, exposed, incref)</c>.</summary>
/// <param name="token">The shared object.</param>
/// <param name="authkey">The server's key (null: the manager's or the current process's).</param>
/// <param name="manager">The manager the proxy belongs to, if any.</param>
/// <param name="exposed">The methods the server exposes for it.</param>
/// <param name="incref">True to take a reference on the server.</param>
public delegate BaseProxy ProxyFactory(Token token, byte[]? authkey, BaseManager? manager, IReadOnlyList<string> exposed,
    bool incref);

/// <summary>The proxy types of CPython's SyncManager, by the Python class that pickles them and by typeid.</summary>
internal static class ProxyTypes
{
    private const string Module = "multiprocessing.managers";

    /// <summary>CPython's <c>AutoProxy</c> function, which an auto proxy pickles with.</summary>
    public static PyGlobal AutoProxyFunction { get; } = new(Module, "AutoProxy");

    /// <summary>The C# proxy for each of CPython's proxy classes.</summary>
    public static IReadOnlyDictionary<string, ProxyFactory> ByClass { get; } = new Dictionary<string, ProxyFactory>
    {
        ["DictProxy"] = (t, k, m, _, i) => new DictProxy(t, k, m, i),
        ["ListProxy"] = (t, k, m, _, i) => new ListProxy(t, k, m, i),
        ["NamespaceProxy"] = (t, k, m, _, i) => new NamespaceProxy(t, k, m, i),
        ["AcquirerProxy"] = (t, k, m, _, i) => new AcquirerProxy(t, k, m, i),
        ["ConditionProxy"] = (t, k, m, _, i) => new ConditionProxy(t, k, m, i),
        ["EventProxy"] = (t, k, m, _, i) => new EventProxy(t, k, m, i),
        ["ValueProxy"] = (t, k, m, _, i) => new ValueProxy(t, k, m, i),
        ["ArrayProxy"] = (t, k, m, _, i) => new ArrayProxy(t, k, m, i),
        ["IteratorProxy"] = (t, k, m, _, i) => new IteratorProxy(t, k, m, i),
    };

    /// <summary>An auto proxy (Queue's, and any typeid registered without a proxy type).</summary>
    public static ProxyFactory Auto { get; } = (t, k, m, e, i) => t.TypeId is "Queue" or "JoinableQueue"
        ? new QueueProxy(t, k, m, e, i)
        : new AutoProxy(t, k, m, e, i);

    /// <summary>The proxy class SyncManager registers for each typeid (the others get an auto proxy).</summary>
    public static IReadOnlyDictionary<string, string> SyncManagerClasses { get; } = new Dictionary<string, string>
    {
        ["Event"] = "EventProxy", ["Lock"] = "AcquirerProxy", ["RLock"] = "AcquirerProxy",
        ["Semaphore"] = "AcquirerProxy", ["BoundedSemaphore"] = "AcquirerProxy", ["Condition"] = "ConditionProxy",
        ["list"] = "ListProxy", ["dict"] = "DictProxy", ["Value"] = "ValueProxy", ["Array"] = "ArrayProxy",
        ["Namespace"] = "NamespaceProxy", ["Iterator"] = "IteratorProxy",
    };

    /// <summary>A proxy for a token a server returned ('#PROXY'): the manager's registered type, else SyncManager's.</summary>
    public static BaseProxy Make(BaseManager? manager, Token token, byte[]? authkey, IReadOnlyList<string> exposed, bool incref)
    {
        var factory = manager?.ProxyFactoryFor(token.TypeId)
            ?? (SyncManagerClasses.TryGetValue(token.TypeId, out var name) ? ByClass[name] : Auto);
        return factory(token, authkey, manager, exposed, incref);
    }
}
