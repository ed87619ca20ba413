using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace PyCompat.Pickling.Reading;

/// <summary>
/// A pickle of one scalar (what a Queue of ints or str carries, item by item), read without the scanner, the
/// transcoder, Razorvine and the raiser: [PROTO] [FRAME] one of None, True, False, BININT1, BININT2, BININT, LONG1
/// (up to 8 bytes), BINFLOAT, SHORT_BINUNICODE (strict UTF-8), SHORT_BINBYTES, then [a memo write] STOP. The values
/// are the ones the general path gives (VALUES.md: an int as int if it fits, else long); anything else, or anything
/// malformed, goes the general path, which checks it and words the error (docs/performance.md, "On 2026-12-04").
/// </summary>
internal static class ScalarPickle
{
    /// <summary>BININT1's 256 values, boxed once: CPython shares its small ints too.</summary>
    private static readonly object[] SmallInts = BoxSmallInts();

    private static readonly object True = true, False = false;

    /// <summary>The value of <paramref name="data"/> when it is one scalar pickle within <paramref name="maxLength"/>
    /// bytes; false (the general path decodes it) otherwise.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, long maxLength, out object? value)
    {
        value = null;
        var at = 0;
        if (data.Length >= 2 && data[0] == PickleOps.Proto)
        {
            if (data[1] > 5) return false;
            at = 2;
        }
        var frameEnd = -1;
        if (at < data.Length && data[at] == PickleOps.Frame)
        {
            if (data.Length - at < 9) return false;
            var frame = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(at + 1, 8));
            at += 9;
            if (frame > (ulong)(data.Length - at)) return false;
            frameEnd = at + (int)frame;
        }
        if (!TryScalar(data, ref at, out value) || !SkipMemoWrite(data, ref at)) return false;
        if (at >= data.Length || data[at] != PickleOps.Stop || at + 1 > maxLength) return false;
        // The frame holds everything up to STOP, as CPython frames a pickle; another layout is for the general path.
        return frameEnd < 0 || frameEnd == at + 1;
    }

    private static bool TryScalar(ReadOnlySpan<byte> data, ref int at, out object? value)
    {
        value = null;
        if (at >= data.Length) return false;
        var rest = data[(at + 1)..];
        switch (data[at])
        {
            case (byte)'N':
                at += 1;
                return true;
            case PickleOps.NewTrue:
                value = True;
                at += 1;
                return true;
            case PickleOps.NewFalse:
                value = False;
                at += 1;
                return true;
            case (byte)'K' when rest.Length >= 1:
                value = SmallInts[rest[0]];
                at += 2;
                return true;
            case (byte)'M' when rest.Length >= 2:
                value = (int)BinaryPrimitives.ReadUInt16LittleEndian(rest);
                at += 3;
                return true;
            case PickleOps.BinInt when rest.Length >= 4:
                value = BinaryPrimitives.ReadInt32LittleEndian(rest);
                at += 5;
                return true;
            case PickleOps.Long1 when rest.Length >= 1 && rest[0] <= 8 && rest.Length >= 1 + rest[0]:
                value = Long(rest.Slice(1, rest[0]));
                at += 2 + rest[0];
                return true;
            case PickleOps.BinFloat when rest.Length >= 8:
                value = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(rest));
                at += 9;
                return true;
            case PickleOps.ShortBinUnicode when rest.Length >= 1 && rest.Length >= 1 + rest[0]:
            {
                var utf8 = rest.Slice(1, rest[0]);
                // A lone surrogate (surrogatepass) or bytes CPython refuses: the general path decodes or refuses it.
                if (!Utf8.IsValid(utf8)) return false;
                value = Encoding.UTF8.GetString(utf8);
                at += 2 + rest[0];
                return true;
            }
            case PickleOps.ShortBinBytes when rest.Length >= 1 && rest.Length >= 1 + rest[0]:
                value = rest.Slice(1, rest[0]).ToArray();
                at += 2 + rest[0];
                return true;
            default:
                return false;
        }
    }

    // A loop, not Enumerable.Range(...).Select(...): LINQ over ints is generic code no ReadyToRun image holds, six
    // methods the JIT compiled at every .NET child's first decode.
    private static object[] BoxSmallInts()
    {
        var boxes = new object[256];
        for (var i = 0; i < boxes.Length; i++) boxes[i] = i;
        return boxes;
    }

    /// <summary>LONG1's little-endian two's complement, as int if it fits, else long.</summary>
    private static object Long(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return SmallInts[0];
        long result = (sbyte)bytes[^1]; // the sign comes from the top byte
        for (var i = bytes.Length - 2; i >= 0; i--) result = (result << 8) | bytes[i];
        return result is >= int.MinValue and <= int.MaxValue ? (object)(int)result : result;
    }

    /// <summary>Steps over a MEMOIZE, BINPUT or LONG_BINPUT after the value: with nothing to read it, it changes nothing.</summary>
    private static bool SkipMemoWrite(ReadOnlySpan<byte> data, ref int at)
    {
        if (at >= data.Length) return false;
        switch (data[at])
        {
            case PickleOps.Memoize:
                at += 1;
                return true;
            case PickleOps.BinPut:
                at += 2;
                return at <= data.Length;
            case PickleOps.LongBinPut:
                at += 5;
                return at <= data.Length;
            default:
                return true;
        }
    }
}
