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
/// Razorvine reads it as <c>foreach (k in Keys) { save(k); save(this[k]); }</c>, so the indexer answers from a
/// cursor that follows the keys in order: no key is hashed (a dictionary lookup is the fallback).
/// </summary>
internal sealed class DictNode : IDictionary
{
    private readonly List<object?> _keys;
    private readonly List<object?> _values;
    private int _cursor;

    public DictNode(int capacity = 0)
    {
        _keys = new List<object?>(capacity);
        _values = new List<object?>(capacity);
    }

    /// <summary>Adds a pair; the source dict's keys are distinct, so no duplicate check is needed.</summary>
    public void Put(object? key, object? value)
    {
        _keys.Add(key);
        _values.Add(value);
    }

    public object? this[object key]
    {
        get
        {
            if (_cursor < _keys.Count && ReferenceEquals(_keys[_cursor], key)) return _values[_cursor++];
            var at = _keys.FindIndex(k => ReferenceEquals(k, key));
            if (at < 0) throw new KeyNotFoundException();
            _cursor = at + 1;
            return _values[at];
        }
        set => Put(key, value);
    }

    public ICollection Keys
    {
        get
        {
            _cursor = 0;
            return _keys;
        }
    }

    public ICollection Values => _values;
    public int Count => _keys.Count;
    public bool IsFixedSize => false;
    public bool IsReadOnly => false;
    public bool IsSynchronized => false;
    public object SyncRoot => this;
    public void Add(object key, object? value) => Put(key, value);
    public void Clear() => throw new NotSupportedException();
    public bool Contains(object key) => _keys.Any(k => ReferenceEquals(k, key));
    public void CopyTo(Array array, int index) => throw new NotSupportedException();
    public IDictionaryEnumerator GetEnumerator() => throw new NotSupportedException();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    public void Remove(object key) => throw new NotSupportedException();
}
