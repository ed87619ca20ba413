using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static PyCompat.Pickling.Writing.ScalarOpcodes;

namespace PyCompat.Pickling.Writing;

/// <summary>
/// A list whose items are all None, bool, int, long or double (<see cref="ScalarOpcodes"/>), in CPython's form for a
/// list: EMPTY_LIST, then MARK ... APPENDS per 1,000 items, each batch formatted into one buffer and written at once.
/// The items are scalars, so the list cannot contain itself, and Razorvine memoizes the node after it is written, so a
/// list reached twice is still one list in Python.
/// </summary>
internal sealed class ScalarListNode(List<object?> items) : Node
{
    /// <summary>True when the node can write <paramref name="list"/>.</summary>
    public static bool Holds(List<object?> list) => list.Count > 0 && ScalarOpcodes.Holds(CollectionsMarshal.AsSpan(list));

    /// <summary>The most bytes the node writes for <paramref name="count"/> items.</summary>
    public static long SizeFor(int count) => 1 + (long)count * MaxItem + 2L * (count / Batch + 1);

    // Optimized at its first call: it runs once per list, over all of its items, so tiered compilation would leave it
    // at Tier0 (then on-stack replacement) for the first lists of a program; ReadyToRun does not precompile it then.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Write(NodeWriter writer)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(3 + Math.Min(items.Count, Batch) * MaxItem); // ] ( items e
        try
        {
            buffer[0] = (byte)']'; // EMPTY_LIST
            var length = 1;
            for (var start = 0; start < items.Count; start += Batch)
            {
                var end = Math.Min(items.Count, start + Batch);
                if (end - start > 1) buffer[length++] = (byte)'('; // MARK
                for (var i = start; i < end; i++) length = Put(buffer, length, items[i]);
                buffer[length++] = end - start > 1 ? (byte)'e' : (byte)'a'; // APPENDS, or APPEND for one
                writer.Op(buffer, length);
                length = 0;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
