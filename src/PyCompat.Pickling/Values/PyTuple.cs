using System.Collections;

namespace PyCompat.Pickling;

/// <summary>A Python tuple: immutable, and equal (and hashed) by value, so it works as a dictionary key.</summary>
public sealed class PyTuple : IReadOnlyList<object?>, IEquatable<PyTuple>
{
    private readonly object?[] _items;
    private int _hash; // 0 until computed: a tuple shared many times over (a DAG) is hashed once, not once per path

    /// <summary>The empty tuple, <c>()</c>.</summary>
    public static PyTuple Empty { get; } = new();

    /// <summary>Makes a tuple of the given items (copied).</summary>
    public PyTuple(params object?[] items) => _items = (object?[])items.Clone();

    /// <summary>Wraps <paramref name="items"/> without copying: for arrays nobody else holds.</summary>
    private PyTuple(object?[] items, bool owned) => _items = owned ? items : (object?[])items.Clone();

    internal static PyTuple Own(object?[] items) => items.Length == 0 ? Empty : new PyTuple(items, owned: true);

    /// <summary>The items themselves, for writers that only read them.</summary>
    internal object?[] Items => _items;

    /// <inheritdoc />
    public object? this[int index] => _items[index];

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <summary>The items as a new array.</summary>
    public object?[] ToArray() => (object?[])_items.Clone();

    /// <inheritdoc />
    public bool Equals(PyTuple? other) =>
        other is not null && (ReferenceEquals(this, other)
            || ((_hash == 0 || other._hash == 0 || _hash == other._hash) && PyEquality.SequenceEqual(_items, other._items)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PyTuple);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var hash = PyEquality.SequenceHash(_items);
            _hash = hash == 0 ? 1 : hash;
        }
        return _hash;
    }

    /// <inheritdoc />
    public override string ToString() => PyRepr.Repr(this);
}
