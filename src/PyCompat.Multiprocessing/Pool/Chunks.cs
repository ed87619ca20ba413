using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    /// <summary><c>_get_tasks(func, it, size)</c> over the list <c>map</c> made of its iterable (as CPython's
    /// <c>_map_async</c> does): successive chunks of at most <paramref name="size"/> items.</summary>
    public static IEnumerable<object?[]> Split<T>(List<T> items, int size)
    {
        for (var start = 0; start < items.Count; start += size) yield return Box(items, start, Math.Min(size, items.Count - start));
    }

    /// <summary>One chunk, each item boxed once. Optimized at its first call: a map at the default chunksize calls it
    /// only 8 times a pool of 2, over thousands of items, too few calls for tiered compilation to promote it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static object?[] Box<T>(List<T> items, int start, int count)
    {
        var span = CollectionsMarshal.AsSpan(items).Slice(start, count);
        var chunk = new object?[count];
        for (var i = 0; i < span.Length; i++) chunk[i] = span[i];
        return chunk;
    }

    /// <summary><c>_get_tasks(func, it, size)</c>: successive chunks of at most <paramref name="size"/> items.</summary>
    /// <remarks>Typed, so a map's items are boxed once, straight into their chunk (through <c>Cast&lt;object?&gt;</c>
    /// each value type item went through the non-generic enumerator).</remarks>
    public static IEnumerable<object?[]> Split<T>(IEnumerable<T> items, int size)
    {
        object?[]? chunk = null;
        var count = 0;
        foreach (var item in items)
        {
            // Made when its first item arrives, so an iterable that ends on a chunk's boundary allocates no extra one.
            chunk ??= new object?[size];
            chunk[count++] = item;
            if (count == size)
            {
                yield return chunk;
                chunk = null;
                count = 0;
            }
        }
        if (chunk is not null) yield return chunk[..count];
    }
}
