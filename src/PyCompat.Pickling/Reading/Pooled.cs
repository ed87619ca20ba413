using System.Buffers;

namespace PyCompat.Pickling.Reading;

/// <summary>
/// Growable arrays for one decode's bookkeeping, from <see cref="ArrayPool{T}.Shared"/>. The pre-pass keeps an entry
/// per memo write and per rewritten opcode, which for a large pickle are arrays of hundreds of KB: allocated fresh
/// they land on the large-object heap, and its budget, not gen0's, then starts a gen2 collection about once per
/// decode (measured in docs/performance-pickle.md). Pooled, they are allocated once per thread.
/// </summary>
internal static class Pooled
{
    /// <summary>Replaces <paramref name="array"/> (pooled, or empty) by a pooled one of at least
    /// <paramref name="size"/> items holding its first <paramref name="keep"/> items; with <paramref name="clear"/>
    /// the items after those are default.</summary>
    public static void Grow<T>(ref T[] array, int size, int keep, bool clear = false)
    {
        var bigger = ArrayPool<T>.Shared.Rent(size);
        array.AsSpan(0, keep).CopyTo(bigger);
        // Array.Clear, not a span's: generic span code over int is not in CoreLib's ReadyToRun image, and each worker
        // child would compile it before its first pickle.
        if (clear) Array.Clear(bigger, keep, bigger.Length - keep);
        Return(ref array);
        array = bigger;
    }

    /// <summary>Gives <paramref name="array"/> back to the pool (unless empty) and leaves it empty.</summary>
    public static void Return<T>(ref T[] array)
    {
        if (array.Length > 0) ArrayPool<T>.Shared.Return(array);
        array = [];
    }
}

/// <summary>An append-only list of ints in a pooled array; <see cref="Release"/> gives the array back.</summary>
internal sealed class PooledInts
{
    private int[] _items = [];

    public int Count { get; private set; }

    public void Add(int item)
    {
        if (Count == _items.Length) Pooled.Grow(ref _items, Math.Max(64, Count * 2), Count);
        _items[Count++] = item;
    }

    public ReadOnlySpan<int> AsSpan() => _items.AsSpan(0, Count);

    /// <summary>Replaces the items by <paramref name="items"/>.</summary>
    public void Set(ReadOnlySpan<int> items)
    {
        if (items.Length > _items.Length) Pooled.Grow(ref _items, items.Length, 0);
        items.CopyTo(_items);
        Count = items.Length;
    }

    public void Release()
    {
        Pooled.Return(ref _items);
        Count = 0;
    }
}
