using System.Buffers;
using System.Runtime.CompilerServices;
using static PyCompat.Pickling.Writing.ScalarOpcodes;

namespace PyCompat.Pickling.Writing;

/// <summary>
/// A long tuple whose items are all None, bool, int, long or double (<see cref="ScalarOpcodes"/>): MARK, the items,
/// TUPLE, formatted 1,000 items to a write. A pool task's chunk is such a tuple (thousands of ints in a map at the
/// default chunksize). Short tuples stay with Razorvine, whose writer takes them without the custom-pickler lookup a
/// node costs.
/// </summary>
internal sealed class ScalarTupleNode(object?[] items) : Node
{
    /// <summary>Tuples of at least this many items are written by the node.</summary>
    public const int MinLength = 16;

    // Optimized at its first call: it runs once per tuple, over all of its items, so tiered compilation would leave it
    // at Tier0 (then on-stack replacement) for the first tuples of a program; ReadyToRun does not precompile it then.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Write(NodeWriter writer)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(2 + Math.Min(items.Length, Batch) * MaxItem); // ( items t
        try
        {
            buffer[0] = (byte)'('; // MARK
            var length = 1;
            for (var start = 0; start < items.Length; start += Batch)
            {
                var end = Math.Min(items.Length, start + Batch);
                for (var i = start; i < end; i++) length = Put(buffer, length, items[i]);
                if (end == items.Length) buffer[length++] = (byte)'t'; // TUPLE
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
