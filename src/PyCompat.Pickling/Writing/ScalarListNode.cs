using System.Buffers;
using System.Buffers.Binary;

namespace PyCompat.Pickling.Writing;

/// <summary>
/// A list whose items are all None, bool, int, long or double, written in CPython's form for a list (EMPTY_LIST,
/// then MARK ... APPENDS per 1,000 items) from a buffer that each batch is formatted into. Razorvine writes such a
/// list one item at a time through its type dispatch (GetType, IsPrimitive, a switch per item), which made a list of a
/// million ints take twice as long to pickle as CPython does; here one type test per item formats its opcode.
/// The items are scalars, so the list cannot contain itself, and Razorvine memoizes the node after it is written, so a
/// list reached twice is still one list in Python.
/// </summary>
internal sealed class ScalarListNode(List<object?> items) : Node
{
    /// <summary>CPython's batch size for APPENDS (pickle.py's _BATCHSIZE).</summary>
    private const int Batch = 1000;

    /// <summary>The longest item: LONG1 with 8 bytes is 10; BINFLOAT is 9.</summary>
    private const int MaxItem = 10;

    /// <summary>True when every item of <paramref name="list"/> is one the node writes (see the type's remarks).</summary>
    public static bool Holds(List<object?> list)
    {
        foreach (var item in list)
            if (item is not (null or int or long or double or bool)) return false;
        return true;
    }

    /// <summary>The most bytes the node writes for <paramref name="count"/> items.</summary>
    public static long SizeFor(int count) => 1 + (long)count * MaxItem + 2L * (count / Batch + 1);

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
            if (length > 0) writer.Op(buffer, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Formats one item at <paramref name="at"/> as CPython's Pickler writes it; returns the end.</summary>
    private static int Put(byte[] buffer, int at, object? item)
    {
        switch (item)
        {
            case int i:
                return PutInt(buffer, at, i);
            case long l when l is >= int.MinValue and <= int.MaxValue:
                return PutInt(buffer, at, (int)l);
            case long l:
            {
                // LONG1: the shortest little-endian two's complement that holds the value (5 to 8 bytes here).
                var size = 8;
                while (size > 1 && (l >> (8 * (size - 1) - 1)) is 0 or -1) size--;
                buffer[at] = 0x8a;
                buffer[at + 1] = (byte)size;
                for (var b = 0; b < size; b++) buffer[at + 2 + b] = (byte)(l >> (8 * b));
                return at + 2 + size;
            }
            case double d:
                buffer[at] = (byte)'G'; // BINFLOAT: big-endian, bit for bit (inf, nan and -0.0 kept)
                BinaryPrimitives.WriteDoubleBigEndian(buffer.AsSpan(at + 1), d);
                return at + 9;
            case bool b:
                buffer[at] = b ? (byte)0x88 : (byte)0x89; // NEWTRUE / NEWFALSE
                return at + 1;
            default:
                buffer[at] = (byte)'N';
                return at + 1;
        }
    }

    private static int PutInt(byte[] buffer, int at, int value)
    {
        switch (value)
        {
            case >= 0 and <= 0xff:
                buffer[at] = (byte)'K'; // BININT1
                buffer[at + 1] = (byte)value;
                return at + 2;
            case >= 0 and <= 0xffff:
                buffer[at] = (byte)'M'; // BININT2
                BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(at + 1), (ushort)value);
                return at + 3;
            default:
                buffer[at] = (byte)'J'; // BININT
                BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at + 1), value);
                return at + 5;
        }
    }
}
