using System.Collections;

namespace PyCompat.Pickling;

/// <summary>A Python tuple: immutable, and equal (and hashed) by value, so it works as a dictionary key.</summary>
public sealed class PyTuple : IReadOnlyList<object?>, IEquatable<PyTuple>
{
    private readonly object?[] _items;

    /// <summary>The empty tuple, <c>()</c>.</summary>
    public static PyTuple Empty { get; } = new();

    /// <summary>Makes a tuple of the given items (copied).</summary>
    public PyTuple(params object?[] items) => _items = (object?[])items.Clone();

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
        other is not null && (ReferenceEquals(this, other) || PyEquality.SequenceEqual(_items, other._items));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PyTuple);

    /// <inheritdoc />
    public override int GetHashCode() => PyEquality.SequenceHash(_items);

    /// <inheritdoc />
    public override string ToString() => PyRepr.Repr(this);
}
