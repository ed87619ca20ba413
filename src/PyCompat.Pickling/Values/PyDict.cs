using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace PyCompat.Pickling;

/// <summary>
/// A Python dict: keeps insertion order, accepts <c>None</c> (null) as a key, and compares keys with Python's
/// equality (<see cref="PyEqualityComparer"/>), so <c>d[new PyTuple(1, 2)]</c> finds a decoded <c>(1, 2)</c> key.
/// </summary>
public sealed class PyDict : IDictionary<object?, object?>, IReadOnlyDictionary<object?, object?>
{
    // OrderedDictionary refuses null keys, so None is stored under a private sentinel.
    private static readonly object NoneKey = new();
    private readonly OrderedDictionary<object, object?> _items;

    /// <summary>Makes an empty dict.</summary>
    public PyDict() => _items = new(KeyComparer.Instance);

    /// <summary>An empty dict with room for <paramref name="capacity"/> keys (the decoder knows how many are coming).</summary>
    internal PyDict(int capacity) => _items = new(capacity, KeyComparer.Instance);

    /// <summary>Makes a dict of the given pairs, later duplicates overwriting earlier ones as in Python.</summary>
    public PyDict(IEnumerable<KeyValuePair<object?, object?>> pairs) : this()
    {
        foreach (var (key, value) in pairs) this[key] = value;
    }

    /// <inheritdoc cref="IDictionary{TKey,TValue}.this" />
    public object? this[object? key]
    {
        get => _items.TryGetValue(Wrap(key), out var value) ? value : throw new KeyNotFoundException($"KeyError: {PyRepr.Repr(key)}");
        set => _items[Wrap(key)] = value;
    }

    /// <summary>The value of the <paramref name="index"/>-th key in insertion order (the decoder raises values in place).</summary>
    internal object? ValueAt(int index) => _items.GetAt(index).Value;

    /// <summary>Replaces the value of the <paramref name="index"/>-th key, keeping its place and hash.</summary>
    internal void SetValueAt(int index, object? value) => _items.SetAt(index, value);

    /// <inheritdoc cref="IDictionary{TKey,TValue}.Keys" />
    public ICollection<object?> Keys => _items.Keys.Select(Unwrap).ToList();

    /// <inheritdoc cref="IDictionary{TKey,TValue}.Values" />
    public ICollection<object?> Values => _items.Values.ToList();

    IEnumerable<object?> IReadOnlyDictionary<object?, object?>.Keys => Keys;
    IEnumerable<object?> IReadOnlyDictionary<object?, object?>.Values => Values;

    /// <inheritdoc cref="ICollection{T}.Count" />
    public int Count => _items.Count;

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc />
    public void Add(object? key, object? value) => _items.Add(Wrap(key), value);

    /// <inheritdoc />
    public void Add(KeyValuePair<object?, object?> item) => Add(item.Key, item.Value);

    /// <inheritdoc />
    public void Clear() => _items.Clear();

    /// <inheritdoc />
    public bool Contains(KeyValuePair<object?, object?> item) =>
        TryGetValue(item.Key, out var value) && PyEqualityComparer.Instance.Equals(value, item.Value);

    /// <inheritdoc cref="IDictionary{TKey,TValue}.ContainsKey" />
    public bool ContainsKey(object? key) => _items.ContainsKey(Wrap(key));

    /// <inheritdoc />
    public void CopyTo(KeyValuePair<object?, object?>[] array, int arrayIndex)
    {
        foreach (var pair in this) array[arrayIndex++] = pair;
    }

    /// <inheritdoc />
    /// <remarks>An iterator, not LINQ's Select: a Select over key/value pairs (structs) is generic code that no
    /// ReadyToRun image holds, which the JIT compiled (~10 methods) the first time a .NET child read its spawn request.</remarks>
    public IEnumerator<KeyValuePair<object?, object?>> GetEnumerator()
    {
        foreach (var pair in _items)
            yield return new KeyValuePair<object?, object?>(Unwrap(pair.Key), pair.Value);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Remove(object? key) => _items.Remove(Wrap(key));

    /// <inheritdoc />
    public bool Remove(KeyValuePair<object?, object?> item) => Contains(item) && Remove(item.Key);

    /// <inheritdoc cref="IDictionary{TKey,TValue}.TryGetValue" />
    public bool TryGetValue(object? key, [MaybeNullWhen(false)] out object? value) => _items.TryGetValue(Wrap(key), out value);

    /// <inheritdoc />
    public override string ToString() => PyRepr.Repr(this);

    private static object Wrap(object? key) => key ?? NoneKey;

    private static object? Unwrap(object key) => ReferenceEquals(key, NoneKey) ? null : key;

    private sealed class KeyComparer : IEqualityComparer<object>
    {
        public static readonly KeyComparer Instance = new();
        public new bool Equals(object? a, object? b) => PyEqualityComparer.Instance.Equals(a, b);
        public int GetHashCode(object key) => PyEqualityComparer.Instance.GetHashCode(key);
    }
}
