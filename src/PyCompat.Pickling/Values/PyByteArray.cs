namespace PyCompat.Pickling;

/// <summary>
/// A Python <c>bytearray</c> (mutable bytes). It is its own type because byte[] already stands for Python's
/// <c>bytes</c>, and the two must stay apart on a round trip.
/// </summary>
public sealed class PyByteArray : IEquatable<PyByteArray>
{
    /// <summary>Makes a bytearray holding a copy of <paramref name="bytes"/>.</summary>
    public PyByteArray(ReadOnlySpan<byte> bytes) => Bytes = bytes.ToArray();

    /// <summary>Makes an empty bytearray.</summary>
    public PyByteArray() => Bytes = [];

    /// <summary>The content; mutable, like Python's bytearray.</summary>
    public byte[] Bytes { get; }

    /// <summary>Compares content, as Python's <c>==</c> does (a bytearray is unhashable in Python).</summary>
    public bool Equals(PyByteArray? other) => other is not null && Bytes.AsSpan().SequenceEqual(other.Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PyByteArray);

    /// <inheritdoc />
    public override int GetHashCode() => PyEquality.BytesHash(Bytes);

    /// <inheritdoc />
    public override string ToString() => PyRepr.Repr(this);
}
