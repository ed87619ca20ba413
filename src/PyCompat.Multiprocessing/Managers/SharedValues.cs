using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>CPython's <c>managers.Namespace</c> in the server: attributes by name; a missing one is CPython's
/// AttributeError "'Namespace' object has no attribute 'x'".</summary>
internal sealed class SharedNamespace(IEnumerable<KeyValuePair<object?, object?>> initial) : ISharedObject
{
    private readonly Dictionary<string, object?> _attributes =
        initial.ToDictionary(pair => pair.Key as string ?? throw PythonError.Builtin("TypeError", "keywords must be strings"), pair => pair.Value);

    public string PythonType => "Namespace";

    public IReadOnlyList<string> PublicMethods { get; } = [];

    public object? Value
    {
        get
        {
            lock (_attributes)
                return new PyObject(new PyGlobal("multiprocessing.managers", "Namespace"), PyTuple.Empty,
                    new PyDict(_attributes.Select(pair => new KeyValuePair<object?, object?>(pair.Key, pair.Value))));
        }
    }

    // Namespace.__repr__: the public attributes as name=repr, sorted.
    public string Repr()
    {
        lock (_attributes)
            return "Namespace(" + string.Join(", ", _attributes.Where(pair => !pair.Key.StartsWith('_'))
                .Select(pair => $"{pair.Key}={PyRepr.Repr(pair.Value)}").Order(StringComparer.Ordinal)) + ")";
    }

    public object? Invoke(string method, PyTuple args, PyDict kwds)
    {
        var a = new CallArgs(method, args, kwds);
        var name = a.Required(0, "name") as string ?? throw PythonError.Builtin("TypeError", "attribute name must be string");
        lock (_attributes)
        {
            switch (method)
            {
                case "__getattribute__":
                    return _attributes.TryGetValue(name, out var value) ? value : throw CallArgs.NoAttribute(PythonType, name);
                case "__setattr__":
                    _attributes[name] = a.Required(1, "value");
                    return null;
                case "__delattr__":
                    return _attributes.Remove(name) ? null : throw PythonError.Builtin("AttributeError", name);
                default:
                    throw CallArgs.NoAttribute(PythonType, method);
            }
        }
    }
}

/// <summary>CPython's <c>managers.Value(typecode, value, lock=True)</c> in the server: get and set.</summary>
internal sealed class SharedValue(object? typecode, object? value) : ISharedObject
{
    private readonly object _gate = new();
    private object? _value = value;

    public string PythonType => "Value";

    public IReadOnlyList<string> PublicMethods { get; } = ["get", "set"];

    public object? Value
    {
        get
        {
            lock (_gate)
                return new PyObject(new PyGlobal("multiprocessing.managers", "Value"), PyTuple.Empty,
                    new PyDict { ["_typecode"] = typecode, ["_value"] = _value });
        }
    }

    public string Repr()
    {
        lock (_gate) return $"Value({PyRepr.Repr(typecode)}, {PyRepr.Repr(_value)})";
    }

    public object? Invoke(string method, PyTuple args, PyDict kwds)
    {
        lock (_gate)
        {
            switch (method)
            {
                case "get":
                    return _value;
                case "set":
                    _value = new CallArgs(method, args, kwds).Required(0, "value");
                    return null;
                default:
                    throw CallArgs.NoAttribute(PythonType, method);
            }
        }
    }
}

/// <summary>CPython's <c>managers.Array(typecode, sequence)</c> (an <c>array.array</c>) in the server.</summary>
internal sealed class SharedArray(string typecode, IEnumerable<object?> items) : ISharedObject
{
    private readonly List<object?> _items = [.. items];

    public string PythonType => "array.array";

    public IReadOnlyList<string> PublicMethods { get; } = ["append", "count", "extend", "index", "insert", "pop", "remove", "reverse", "tolist"];

    public object? Value
    {
        get { lock (_items) return new PyObject(new PyGlobal("array", "array"), new PyTuple(typecode, _items.ToList()), ViaReduce: true); }
    }

    public string Repr()
    {
        lock (_items) return _items.Count == 0 ? $"array('{typecode}')" : $"array('{typecode}', {PyRepr.Repr(_items)})";
    }

    public object? Invoke(string method, PyTuple args, PyDict kwds)
    {
        var a = new CallArgs(method, args, kwds);
        lock (_items)
        {
            switch (method)
            {
                case "__len__":
                    return _items.Count;
                case "__getitem__":
                    return _items[Index(a.Required(0, "index"))];
                case "__setitem__":
                    _items[Index(a.Required(0, "index"))] = a.Required(1, "value");
                    return null;
                case "tolist":
                    return _items.ToList();
                default:
                    throw CallArgs.NoAttribute(PythonType, method);
            }
        }
    }

    private int Index(object? index)
    {
        var i = Convert.ToInt64(index);
        if (i < 0) i += _items.Count;
        return i >= 0 && i < _items.Count ? (int)i : throw PythonError.Builtin("IndexError", "array index out of range");
    }
}
