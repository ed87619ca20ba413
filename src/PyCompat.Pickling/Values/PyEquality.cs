using System.Numerics;

namespace PyCompat.Pickling;

/// <summary>
/// Python's value equality for the value table: <c>1 == 1.0 == True</c>, bytes and tuples compare by content.
/// Dictionaries, sets and tuples use it so that keys decoded from a pickle can be looked up with C# literals.
/// </summary>
public sealed class PyEqualityComparer : IEqualityComparer<object?>
{
    /// <summary>The one instance (the comparer has no state).</summary>
    public static PyEqualityComparer Instance { get; } = new();

    private PyEqualityComparer() { }

    /// <inheritdoc />
    public new bool Equals(object? a, object? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        // The commonest key first: a str is equal only to a str (it is no number), so the checks below would say the same.
        if (a is string sa) return b is string sb && string.Equals(sa, sb);
        if (PyEquality.TryNumber(a, out var na) && PyEquality.TryNumber(b, out var nb)) return na.Equals(nb);
        if (a is byte[] ba && b is byte[] bb) return ba.AsSpan().SequenceEqual(bb);
        return a.Equals(b);
    }

    /// <inheritdoc />
    public int GetHashCode(object? value) => value switch
    {
        null => 0,
        string text => text.GetHashCode(),
        byte[] bytes => PyEquality.BytesHash(bytes),
        _ when PyEquality.TryNumber(value, out var n) => n.GetHashCode(),
        _ => value.GetHashCode(),
    };
}

/// <summary>Helpers behind <see cref="PyEqualityComparer"/>, <see cref="PyTuple"/> and <see cref="PyFrozenSet"/>.</summary>
internal static class PyEquality
{
    public static bool SequenceEqual(object?[] a, object?[] b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
            if (!PyEqualityComparer.Instance.Equals(a[i], b[i])) return false;
        return true;
    }

    public static int SequenceHash(object?[] items)
    {
        var hash = new HashCode();
        foreach (var item in items) hash.Add(PyEqualityComparer.Instance.GetHashCode(item));
        return hash.ToHashCode();
    }

    public static int BytesHash(byte[] bytes)
    {
        var hash = new HashCode();
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }

    /// <summary>
    /// Python compares bool, int and float by numeric value, so the comparer maps them to one key:
    /// integral values to a BigInteger, everything else to its double.
    /// </summary>
    public static bool TryNumber(object value, out NumberKey key)
    {
        switch (value)
        {
            case bool b: key = new NumberKey(b ? BigInteger.One : BigInteger.Zero, null); return true;
            case int or long or short or sbyte or byte or ushort or uint or ulong:
                key = new NumberKey(new BigInteger(Convert.ToDecimal(value)), null); return true;
            case BigInteger bi: key = new NumberKey(bi, null); return true;
            case double d: key = FromDouble(d); return true;
            case float f: key = FromDouble(f); return true;
            case decimal m when decimal.Truncate(m) == m: key = new NumberKey(new BigInteger(m), null); return true;
            case decimal m: key = new NumberKey(null, (double)m); return true;
            default: key = default; return false;
        }
    }

    private static NumberKey FromDouble(double d) =>
        double.IsFinite(d) && Math.Truncate(d) == d ? new NumberKey(new BigInteger(d), null) : new NumberKey(null, d);

    internal readonly record struct NumberKey(BigInteger? Integral, double? Real);
}
