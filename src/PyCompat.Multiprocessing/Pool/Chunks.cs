namespace PyCompat.Multiprocessing.Pooling;

/// <summary>How CPython's pool cuts an iterable into tasks (<c>Pool._map_async</c> and <c>Pool._get_tasks</c>).</summary>
internal static class Chunks
{
    /// <summary>
    /// <c>map</c>'s default chunksize: <c>divmod(len(iterable), len(pool) * 4)</c>, rounded up; 0 for an empty
    /// iterable (whose result is ready at once).
    /// </summary>
    public static int DefaultSize(int length, int processes)
    {
        if (length == 0) return 0;
        var (size, extra) = Math.DivRem(length, processes * 4);
        return extra != 0 ? size + 1 : size;
    }

    /// <summary><c>_get_tasks(func, it, size)</c>: successive chunks of at most <paramref name="size"/> items.</summary>
    public static IEnumerable<object?[]> Split<T>(IEnumerable<T> items, int size)
    {
        var chunk = new List<object?>(size);
        foreach (var item in items)
        {
            chunk.Add(item);
            if (chunk.Count == size)
            {
                yield return [.. chunk];
                chunk.Clear();
            }
        }
        if (chunk.Count > 0) yield return [.. chunk];
    }
}
