using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace PyCompat.Pickling.Writing;

/// <summary>
/// The opcodes CPython's Pickler writes for None, bool, int (to 64 bits) and float, formatted straight into a buffer:
/// what <see cref="ScalarListNode"/> and <see cref="ScalarTupleNode"/> write their items with. Razorvine writes each
/// such item through its type dispatch (GetType, IsPrimitive and a switch per item), which made a list of a million
/// ints take twice as long to pickle as CPython does; here one type test per item picks its opcode.
/// </summary>
internal static class ScalarOpcodes
{
    /// <summary>The longest item: LONG1 with 8 bytes is 10; BINFLOAT is 9.</summary>
    public const int MaxItem = 10;

    /// <summary>CPython's batch size for APPENDS (pickle.py's _BATCHSIZE); also how many items go in one write.</summary>
    public const int Batch = 1000;

    /// <summary>True when every item is one <see cref="Put"/> writes.</summary>
    public static bool Holds(ReadOnlySpan<object?> items)
    {
        foreach (var item in items)
            if (item is not (null or int or long or double or bool)) return false;
        return true;
    }

    /// <summary>Formats one item at <paramref name="at"/> as CPython's Pickler writes it; returns where it ends.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Put(byte[] buffer, int at, object? item)
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
