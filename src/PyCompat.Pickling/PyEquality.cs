namespace PyCompat.Pickling;

/// <summary>Python's value equality for the value table (tuples, frozensets and their contents).</summary>
internal static class PyEquality
{
    public static bool SequenceEqual(object?[] a, object?[] b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
            if (!Equals(a[i], b[i])) return false;
        return true;
    }

    public static int SequenceHash(object?[] items)
    {
        var hash = new HashCode();
        foreach (var item in items) hash.Add(item);
        return hash.ToHashCode();
    }
}
