using System.Collections;

namespace PyCompat.Pickling;

/// <summary>A Python frozenset: immutable, equal (and hashed) by content whatever the order, so it works as a key.</summary>
public sealed class PyFrozenSet : IReadOnlySet<object?>, IEquatable<PyFrozenSet>
{
    private readonly HashSet<object?> _items;
    private int _hash; // 0 until computed

    /// <summary>The empty frozenset, <c>frozenset()</c>.</summary>
    public static PyFrozenSet Empty { get; } = new();

    /// <summary>Makes a frozenset of the given items (duplicates by Python equality collapse).</summary>
    public PyFrozenSet(params object?[] items) : this((IEnumerable<object?>)items) { }

    /// <summary>Makes a frozenset of the given items (duplicates by Python equality collapse).</summary>
    public PyFrozenSet(IEnumerable<object?> items) => _items = new HashSet<object?>(items, PyEqualityComparer.Instance);

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public bool Contains(object? item) => _items.Contains(item);

    /// <inheritdoc />
    public IEnumerator<object?> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool IsProperSubsetOf(IEnumerable<object?> other) => _items.IsProperSubsetOf(other);

    /// <inheritdoc />
    public bool IsProperSupersetOf(IEnumerable<object?> other) => _items.IsProperSupersetOf(other);

    /// <inheritdoc />
    public bool IsSubsetOf(IEnumerable<object?> other) => _items.IsSubsetOf(other);

    /// <inheritdoc />
    public bool IsSupersetOf(IEnumerable<object?> other) => _items.IsSupersetOf(other);

    /// <inheritdoc />
    public bool Overlaps(IEnumerable<object?> other) => _items.Overlaps(other);

    /// <inheritdoc />
    public bool SetEquals(IEnumerable<object?> other) => _items.SetEquals(other);

    /// <inheritdoc />
    public bool Equals(PyFrozenSet? other) => other is not null && (ReferenceEquals(this, other) || _items.SetEquals(other._items));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PyFrozenSet);

    /// <summary>Order-independent, like Python's frozenset hash.</summary>
    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        var hash = 0;
        foreach (var item in _items) hash ^= PyEqualityComparer.Instance.GetHashCode(item);
        hash ^= _items.Count;
        return _hash = hash == 0 ? 1 : hash;
    }

    /// <inheritdoc />
    public override string ToString() => PyRepr.Repr(this);
}
