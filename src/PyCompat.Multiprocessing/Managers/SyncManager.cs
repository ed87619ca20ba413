using System.Net;
using System.Net.Sockets;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>
/// CPython's <c>SyncManager</c>: the typeids <c>multiprocessing.Manager()</c> serves (dict, list, Namespace, Queue,
/// JoinableQueue, Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event, Value, Array; not Barrier or Pool),
/// each with CPython's proxy type and exposed methods, so a CPython client of this server and a C# client of a
/// CPython one see the same objects. The server side is .NET's: an in-process dict, list, <c>queue.Queue</c>...
/// </summary>
public class SyncManager : BaseManager
{
    private static readonly string[] s_dictExposed =
    [
        "__contains__", "__delitem__", "__getitem__", "__iter__", "__len__", "__setitem__", "clear", "copy", "get",
        "items", "keys", "pop", "popitem", "setdefault", "update", "values",
    ];

    private static readonly string[] s_listExposed =
    [
        "__add__", "__contains__", "__delitem__", "__getitem__", "__len__", "__mul__", "__reversed__", "__rmul__",
        "__setitem__", "append", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort", "__imul__",
    ];

    private static readonly string[] s_acquirer = ["acquire", "release"];

    /// <summary>A SyncManager for <paramref name="address"/> and <paramref name="authkey"/> (see
    /// <see cref="BaseManager"/>); call <see cref="BaseManager.Start"/> or <see cref="BaseManager.Connect"/>.</summary>
    public SyncManager(EndPoint? address = null, byte[]? authkey = null, AddressFamily? family = null)
        : base(address, authkey, family)
    {
        var by = ProxyTypes.ByClass;
        Register("Queue", (a, k) => new SharedQueue(MaxSize(a, k)));
        Register("JoinableQueue", (a, k) => new SharedQueue(MaxSize(a, k)));
        Register("Event", (_, _) => new SharedEvent(), ["is_set", "set", "clear", "wait"], by["EventProxy"]);
        Register("Lock", (_, _) => SharedLock.Lock(), s_acquirer, by["AcquirerProxy"]);
        Register("RLock", (_, _) => SharedLock.RLock(), s_acquirer, by["AcquirerProxy"]);
        Register("Semaphore", (a, k) => SharedLock.Semaphore(Int(a, k, "value", 1)), s_acquirer, by["AcquirerProxy"]);
        Register("BoundedSemaphore", (a, k) => SharedLock.BoundedSemaphore(Int(a, k, "value", 1)), s_acquirer, by["AcquirerProxy"]);
        Register("Condition", (_, _) => new SharedCondition(), ["acquire", "release", "wait", "notify", "notify_all"], by["ConditionProxy"]);
        Register("list", (a, _) => new SharedList(a.Count > 0 ? Items(a[0]) : []), s_listExposed, by["ListProxy"]);
        Register("dict", (a, k) => new SharedDict(NewDict(a, k)), s_dictExposed, by["DictProxy"],
            new Dictionary<string, string> { ["__iter__"] = "Iterator" });
        Register("Value", (a, k) => new SharedValue(new CallArgs("Value", a, k).Required(0, "typecode"),
            new CallArgs("Value", a, k).Required(1, "value")), ["get", "set"], by["ValueProxy"]);
        Register("Array", (a, k) => new SharedArray(new CallArgs("Array", a, k).Required(0, "typecode") as string ?? "i",
            Items(new CallArgs("Array", a, k).Required(1, "sequence"))), ["__len__", "__getitem__", "__setitem__"], by["ArrayProxy"]);
        Register("Namespace", (_, k) => new SharedNamespace(k), ["__getattribute__", "__setattr__", "__delattr__"], by["NamespaceProxy"]);
        Register("Iterator", null, ["__next__", "send", "throw", "close"], by["IteratorProxy"]);
    }

    /// <summary><c>manager.dict(initial)</c>.</summary>
    public DictProxy Dict(IEnumerable<KeyValuePair<object?, object?>>? initial = null) =>
        (DictProxy)Create("dict", initial is null ? [] : [new PyDict(initial)]);

    /// <summary><c>manager.list(initial)</c>.</summary>
    public ListProxy List(IEnumerable<object?>? initial = null) =>
        (ListProxy)Create("list", initial is null ? [] : [initial.ToList()]);

    /// <summary><c>manager.Namespace(**attributes)</c>.</summary>
    public NamespaceProxy Namespace(IEnumerable<KeyValuePair<string, object?>>? attributes = null) =>
        (NamespaceProxy)Create("Namespace", PyTuple.Empty,
            new PyDict((attributes ?? []).Select(pair => new KeyValuePair<object?, object?>(pair.Key, pair.Value))));

    /// <summary><c>manager.Queue(maxsize=0)</c>.</summary>
    public QueueProxy Queue(int maxsize = 0) => (QueueProxy)Create("Queue", maxsize);

    /// <summary><c>manager.JoinableQueue(maxsize=0)</c>.</summary>
    public QueueProxy JoinableQueue(int maxsize = 0) => (QueueProxy)Create("JoinableQueue", maxsize);

    /// <summary><c>manager.Lock()</c>.</summary>
    public AcquirerProxy Lock() => (AcquirerProxy)Create("Lock");

    /// <summary><c>manager.RLock()</c>.</summary>
    public AcquirerProxy RLock() => (AcquirerProxy)Create("RLock");

    /// <summary><c>manager.Semaphore(value=1)</c>.</summary>
    public AcquirerProxy Semaphore(int value = 1) => (AcquirerProxy)Create("Semaphore", value);

    /// <summary><c>manager.BoundedSemaphore(value=1)</c>.</summary>
    public AcquirerProxy BoundedSemaphore(int value = 1) => (AcquirerProxy)Create("BoundedSemaphore", value);

    /// <summary><c>manager.Condition()</c>.</summary>
    public ConditionProxy Condition() => (ConditionProxy)Create("Condition");

    /// <summary><c>manager.Event()</c>.</summary>
    public EventProxy Event() => (EventProxy)Create("Event");

    /// <summary><c>manager.Value(typecode, value)</c>.</summary>
    public ValueProxy Value(string typecode, object? value) => (ValueProxy)Create("Value", typecode, value);

    /// <summary><c>manager.Array(typecode, sequence)</c>.</summary>
    public ArrayProxy Array(string typecode, IEnumerable<object?> sequence) =>
        (ArrayProxy)Create("Array", typecode, sequence.ToList());

    private static int MaxSize(PyTuple a, PyDict k) => Int(a, k, "maxsize", 0);

    private static int Int(PyTuple a, PyDict k, string name, int @default) =>
        Convert.ToInt32(new CallArgs(name, a, k).Optional(0, name, @default));

    private static List<object?> Items(object? value) => value switch
    {
        null => [],
        string s => [.. s.Select(c => (object?)c.ToString())],
        IEnumerable<KeyValuePair<object?, object?>> dict => [.. dict.Select(pair => pair.Key)],
        IEnumerable<object?> items => [.. items],
        _ => throw PythonError.Builtin("TypeError", $"'{value.GetType().Name}' object is not iterable"),
    };

    private static PyDict NewDict(PyTuple a, PyDict k)
    {
        var dict = a.Count > 0 && a[0] is IEnumerable<KeyValuePair<object?, object?>> initial ? new PyDict(initial) : new PyDict();
        foreach (var pair in k) dict[pair.Key] = pair.Value;
        return dict;
    }
}

/// <summary>CPython's <c>multiprocessing.Manager()</c>.</summary>
public static class Manager
{
    /// <summary>A started <see cref="SyncManager"/>: its server runs in a thread of this process, on a fresh Unix
    /// socket, with the current process's authkey (so children of either kind can use its proxies).</summary>
    public static SyncManager Start()
    {
        var manager = new SyncManager();
        manager.Start();
        return manager;
    }
}
