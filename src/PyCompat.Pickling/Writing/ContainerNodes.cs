using System.Collections;

namespace PyCompat.Pickling.Writing;

/// <summary>set(...) or frozenset(...) from a list of items: CPython's protocol 2 form, valid in every protocol.</summary>
internal sealed class SetNode(bool frozen, object?[] items) : Node
{
    public override void Write(NodeWriter writer)
    {
        writer.Global("builtins", frozen ? "frozenset" : "set");
        writer.Op((byte)']', (byte)'(');
        foreach (var item in items) writer.Save(item);
        writer.Op((byte)'e', 0x85, (byte)'R'); // APPENDS, TUPLE1, REDUCE
    }
}

/// <summary>
/// An instance: GLOBAL cls, args, NEWOBJ (or REDUCE), then state and BUILD. Written by PyCompat because
/// Razorvine only writes globals through IObjectDeconstructor, which has no NEWOBJ and no BUILD.
/// </summary>
internal sealed class ObjectNode(GlobalNode type, object?[] args, object? state, bool hasState, bool viaReduce) : Node
{
    public override void Write(NodeWriter writer)
    {
        writer.Save(type);
        writer.SaveTuple(args);
        writer.Op(viaReduce ? (byte)'R' : (byte)0x81);
        if (!hasState) return;
        writer.Save(state);
        writer.Op((byte)'b');
    }
}

/// <summary>
/// A dict for Razorvine's own dict writer (EMPTY_DICT, memo, SETITEMS), which takes a non-generic IDictionary:
/// this one keeps order and takes a None key. Razorvine memoizes it before its items, so a dict may contain itself.
/// </summary>
internal sealed class DictNode : IDictionary
{
    private static readonly object NoneKey = new();
    private readonly List<object?> _keys = [];
    private readonly Dictionary<object, object?> _values = new(ReferenceEqualityComparer.Instance);

    public void Put(object? key, object? value)
    {
        if (_values.TryAdd(key ?? NoneKey, value)) _keys.Add(key);
        else _values[key ?? NoneKey] = value;
    }

    public object? this[object key]
    {
        get => _values[key ?? NoneKey];
        set => Put(key, value);
    }

    public ICollection Keys => _keys.ToArray();
    public ICollection Values => _keys.Select(k => _values[k ?? NoneKey]).ToArray();
    public int Count => _keys.Count;
    public bool IsFixedSize => false;
    public bool IsReadOnly => false;
    public bool IsSynchronized => false;
    public object SyncRoot => this;
    public void Add(object key, object? value) => Put(key, value);
    public void Clear() => throw new NotSupportedException();
    public bool Contains(object key) => _values.ContainsKey(key ?? NoneKey);
    public void CopyTo(Array array, int index) => throw new NotSupportedException();
    public IDictionaryEnumerator GetEnumerator() => throw new NotSupportedException();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    public void Remove(object key) => throw new NotSupportedException();
}
