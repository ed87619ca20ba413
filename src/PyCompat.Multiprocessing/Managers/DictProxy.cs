using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>CPython's <c>DictProxy</c>: a dict in a manager's server. Keys and values cross as pickles, so they are
/// values of PyCompat's table (int, str, tuple, list, dict...), and a value read is a copy: change it, then assign it
/// again, as in Python.</summary>
public sealed class DictProxy : BaseProxy
{
    internal DictProxy(Token token, byte[]? authkey, BaseManager? manager, bool incref)
        : base(token, authkey, manager, incref) { }

    /// <inheritdoc />
    protected override PyGlobal PythonClass { get; } = new("multiprocessing.managers", "DictProxy");

    /// <summary><c>d[key]</c> and <c>d[key] = value</c>; a missing key raises <see cref="PythonError"/> KeyError.</summary>
    public object? this[object? key]
    {
        get => Call("__getitem__", key);
        set => Call("__setitem__", key, value);
    }

    /// <summary><c>len(d)</c>.</summary>
    public int Count => Convert.ToInt32(Call("__len__"));

    /// <summary><c>key in d</c>.</summary>
    public bool ContainsKey(object? key) => Call("__contains__", key) is true;

    /// <summary><c>del d[key]</c>.</summary>
    public void Remove(object? key) => Call("__delitem__", key);

    /// <summary><c>d.get(key, default)</c>.</summary>
    public object? Get(object? key, object? @default = null) => Call("get", key, @default);

    /// <summary><c>d.pop(key)</c>, or <c>d.pop(key, default)</c> with a default.</summary>
    public object? Pop(object? key) => Call("pop", key);

    /// <summary><c>d.pop(key, default)</c>.</summary>
    public object? Pop(object? key, object? @default) => Call("pop", key, @default);

    /// <summary><c>d.popitem()</c>: the last pair.</summary>
    public PyTuple PopItem() => (PyTuple)Call("popitem")!;

    /// <summary><c>d.setdefault(key, default)</c>.</summary>
    public object? SetDefault(object? key, object? @default = null) => Call("setdefault", key, @default);

    /// <summary><c>d.update(other)</c>.</summary>
    public void Update(IEnumerable<KeyValuePair<object?, object?>> other) => Call("update", new PyDict(other));

    /// <summary><c>d.clear()</c>.</summary>
    public void Clear() => Call("clear");

    /// <summary><c>d.copy()</c>: a copy of the dict, here.</summary>
    public PyDict Copy() => (PyDict)Call("copy")!;

    /// <summary><c>list(d.keys())</c>.</summary>
    public List<object?> Keys() => AsList(Call("keys"));

    /// <summary><c>list(d.values())</c>.</summary>
    public List<object?> Values() => AsList(Call("values"));

    /// <summary><c>list(d.items())</c>, each a (key, value) tuple.</summary>
    public List<object?> Items() => AsList(Call("items"));

    // A .NET server sends a list; CPython's sends the view as `list(items)` (managers.py's rebuild_as_list).
    private static List<object?> AsList(object? value) => value switch
    {
        List<object?> list => list,
        PyObject { Type: { Module: "builtins", Name: "list" }, Args: [List<object?> items] } => items,
        _ => throw new InvalidDataException($"the server sent {PyRepr.Repr(value)} for a dict view, not a list"),
    };
}
