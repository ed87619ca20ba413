using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>The server's <c>dict</c> (SyncManager's <c>'dict'</c>): a <see cref="PyDict"/>, one call at a time.</summary>
internal sealed class SharedDict(PyDict items) : ISharedObject
{
    public string PythonType => "dict";

    public IReadOnlyList<string> PublicMethods { get; } =
        ["clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem", "setdefault", "update", "values"];

    public object? Value
    {
        get { lock (items) return new PyDict(items); }
    }

    public string Repr()
    {
        lock (items) return PyRepr.Repr(items);
    }

    public object? Invoke(string method, PyTuple args, PyDict kwds)
    {
        var a = new CallArgs(method, args, kwds);
        lock (items)
        {
            switch (method)
            {
                case "__getitem__":
                    return Lookup(a.Required(0, "key"));
                case "__setitem__":
                    items[a.Required(0, "key")] = a.Required(1, "value");
                    return null;
                case "__delitem__":
                    var key = a.Required(0, "key");
                    if (!items.Remove(key)) throw PythonError.Builtin("KeyError", key);
                    return null;
                case "__contains__":
                    return items.ContainsKey(a.Required(0, "key"));
                case "__len__":
                    return items.Count;
                case "__iter__":
                    return new SharedIterator(items.Keys.ToList());
                case "get":
                    return items.TryGetValue(a.Required(0, "key"), out var found) ? found : a.Optional(1, "default");
                case "setdefault":
                    var k = a.Required(0, "key");
                    if (!items.TryGetValue(k, out var existing)) items[k] = existing = a.Optional(1, "default");
                    return existing;
                case "pop":
                    var popped = a.Required(0, "key");
                    if (items.TryGetValue(popped, out var value))
                    {
                        items.Remove(popped);
                        return value;
                    }
                    return a.Count > 1 ? a.Optional(1, "default") : throw PythonError.Builtin("KeyError", popped);
                case "popitem":
                    if (items.Count == 0) throw PythonError.Builtin("KeyError", "popitem(): dictionary is empty");
                    var last = items.Last();
                    items.Remove(last.Key);
                    return new PyTuple(last.Key, last.Value);
                case "update":
                    if (a.Optional(0, "other") is IEnumerable<KeyValuePair<object?, object?>> other)
                        foreach (var pair in other.ToList()) items[pair.Key] = pair.Value;
                    foreach (var pair in kwds) items[pair.Key] = pair.Value;
                    return null;
                case "clear":
                    items.Clear();
                    return null;
                case "copy":
                    return new PyDict(items);
                case "keys":
                    return items.Keys.ToList();
                case "values":
                    return items.Values.ToList();
                case "items":
                    return items.Select(pair => (object?)new PyTuple(pair.Key, pair.Value)).ToList();
                default:
                    throw CallArgs.NoAttribute(PythonType, method);
            }
        }
    }

    private object? Lookup(object? key) =>
        items.TryGetValue(key, out var value) ? value : throw PythonError.Builtin("KeyError", key);
}

/// <summary>The server's <c>list</c> (SyncManager's <c>'list'</c>), one call at a time.</summary>
internal sealed class SharedList(List<object?> items) : ISharedObject
{
    public string PythonType => "list";

    public IReadOnlyList<string> PublicMethods { get; } =
        ["append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort"];

    public object? Value
    {
        get { lock (items) return items.ToList(); }
    }

    public string Repr()
    {
        lock (items) return PyRepr.Repr(items);
    }

    public object? Invoke(string method, PyTuple args, PyDict kwds)
    {
        var a = new CallArgs(method, args, kwds);
        lock (items)
        {
            switch (method)
            {
                case "__getitem__":
                    return items[Index(a.Required(0, "index"))];
                case "__setitem__":
                    items[Index(a.Required(0, "index"), "assignment")] = a.Required(1, "value");
                    return null;
                case "__delitem__":
                    items.RemoveAt(Index(a.Required(0, "index"), "assignment"));
                    return null;
                case "__len__":
                    return items.Count;
                case "__contains__":
                    return Find(a.Required(0, "value")) >= 0;
                case "__add__":
                    return items.Concat(Sequence(a.Required(0, "value"))).ToList();
                case "__mul__" or "__rmul__":
                    return Enumerable.Repeat(items, Math.Max(0, Convert.ToInt32(a.Required(0, "value")))).SelectMany(x => x).ToList();
                case "__imul__":
                    var copies = Enumerable.Repeat(items.ToList(), Math.Max(0, Convert.ToInt32(a.Required(0, "value")))).SelectMany(x => x).ToList();
                    items.Clear();
                    items.AddRange(copies);
                    return null;
                case "__reversed__":
                    return new SharedIterator(Enumerable.Reverse(items).ToList());
                case "append":
                    items.Add(a.Required(0, "object"));
                    return null;
                case "extend" or "__iadd__":
                    items.AddRange(Sequence(a.Required(0, "iterable")));
                    return null;
                case "insert":
                    var at = Convert.ToInt32(a.Required(0, "index"));
                    if (at < 0) at = Math.Max(0, at + items.Count);
                    items.Insert(Math.Min(at, items.Count), a.Required(1, "object"));
                    return null;
                case "remove":
                    var i = Find(a.Required(0, "value"));
                    if (i < 0) throw PythonError.Builtin("ValueError", "list.remove(x): x not in list");
                    items.RemoveAt(i);
                    return null;
                case "pop":
                    if (items.Count == 0) throw PythonError.Builtin("IndexError", "pop from empty list");
                    var p = Index(a.Optional(0, "index", -1), "pop");
                    var popped = items[p];
                    items.RemoveAt(p);
                    return popped;
                case "index":
                    var value = a.Required(0, "value");
                    var found = Find(value);
                    return found >= 0 ? found : throw PythonError.Builtin("ValueError", $"{PyRepr.Repr(value)} is not in list");
                case "count":
                    var needle = a.Required(0, "value");
                    return items.Count(item => PyEqualityComparer.Instance.Equals(item, needle));
                case "reverse":
                    items.Reverse();
                    return null;
                case "sort":
                    items.Sort(Comparer<object?>.Create(Compare));
                    if (a.Flag(1, "reverse", false)) items.Reverse();
                    return null;
                case "clear":
                    items.Clear();
                    return null;
                case "copy":
                    return items.ToList();
                default:
                    throw CallArgs.NoAttribute(PythonType, method);
            }
        }
    }

    private int Find(object? value) => items.FindIndex(item => PyEqualityComparer.Instance.Equals(item, value));

    private int Index(object? index, string? what = null)
    {
        if (index is not (int or long))
            throw PythonError.Builtin("TypeError", $"list indices must be integers or slices, not {index?.GetType().Name ?? "NoneType"}");
        var i = Convert.ToInt64(index);
        if (i < 0) i += items.Count;
        return i >= 0 && i < items.Count ? (int)i
            : throw PythonError.Builtin("IndexError", what is null ? "list index out of range" : $"{(what == "pop" ? "pop" : "list assignment")} index out of range");
    }

    private static IEnumerable<object?> Sequence(object? value) => value switch
    {
        string s => s.Select(c => (object?)c.ToString()),
        IEnumerable<object?> e => e.ToList(),
        _ => throw PythonError.Builtin("TypeError", $"'{value?.GetType().Name ?? "NoneType"}' object is not iterable"),
    };

    private static int Compare(object? x, object? y) => (x, y) switch
    {
        (string a, string b) => string.CompareOrdinal(a, b),
        (IComparable a, _) when y is not null && (x.GetType() == y.GetType() || (IsNumber(x) && IsNumber(y))) =>
            IsNumber(x) ? Convert.ToDouble(x).CompareTo(Convert.ToDouble(y)) : a.CompareTo(y),
        _ => throw PythonError.Builtin("TypeError", $"'<' not supported between instances of '{y?.GetType().Name}' and '{x?.GetType().Name}'"),
    };

    private static bool IsNumber(object? x) => x is int or long or double or System.Numerics.BigInteger;
}

/// <summary>An iterator in the server (CPython's <c>'Iterator'</c> typeid): <c>__next__</c> until StopIteration.</summary>
internal sealed class SharedIterator(List<object?> items) : ISharedObject
{
    private int _next;

    public string PythonType => "iterator";

    public IReadOnlyList<string> PublicMethods { get; } = ["__next__", "send", "throw", "close"];

    public object? Value => null;

    public string Repr() => "<iterator object>";

    public object? Invoke(string method, PyTuple args, PyDict kwds)
    {
        lock (items)
        {
            switch (method)
            {
                case "__next__" or "send":
                    if (_next >= items.Count) throw PythonError.Builtin("StopIteration");
                    return items[_next++];
                case "close":
                    _next = items.Count;
                    return null;
                default:
                    throw CallArgs.NoAttribute(PythonType, method);
            }
        }
    }
}
