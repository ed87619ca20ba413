using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PyCompat.Pickling.Text;

/// <summary>
/// UTF-8 text whose code points are all below U+0100 read straight into their latin-1 bytes, which is what a bytes
/// value is at protocols 0-2 (<c>_codecs.encode(text, 'latin1')</c>): without the .NET string in between, which costs
/// a decode into twice the bytes and an encode back (docs/performance.md, "On 2026-12-04").
/// </summary>
internal static class Latin1Utf8
{
    /// <summary>
    /// The latin-1 bytes of <paramref name="utf8"/>, or null when it holds a code point above U+00FF or is not
    /// well-formed UTF-8 (the caller then decodes it as text, with that path's checks and errors).
    /// </summary>
    public static byte[]? TryDecode(ReadOnlySpan<byte> utf8)
    {
        // Each code point taken here is one ASCII byte, or a C2/C3 lead and one continuation byte: the bytes are the
        // text less its continuation bytes. A text with any other sequence fails in Decode, whatever this counted.
        var bytes = GC.AllocateUninitializedArray<byte>(utf8.Length - CountContinuationBytes(utf8));
        return Decode(utf8, bytes) ? bytes : null;
    }

    private static int CountContinuationBytes(ReadOnlySpan<byte> utf8)
    {
        ref var source = ref MemoryMarshal.GetReference(utf8);
        var length = (nuint)utf8.Length;
        nuint i = 0;
        var count = 0;
        // 0x80..0xBF are the signed bytes below -64.
        var below = Vector128.Create((sbyte)-64);
        for (; i + 16 <= length; i += 16)
        {
            var chunk = Vector128.LoadUnsafe(ref source, i).AsSByte();
            count += System.Numerics.BitOperations.PopCount(Vector128.LessThan(chunk, below).ExtractMostSignificantBits());
        }
        for (; i < length; i++)
            if ((sbyte)At(ref source, i) < -64) count++;
        return count;
    }

    private static bool Decode(ReadOnlySpan<byte> utf8, Span<byte> latin1)
    {
        ref var source = ref MemoryMarshal.GetReference(utf8);
        ref var target = ref MemoryMarshal.GetReference(latin1);
        nuint length = (nuint)utf8.Length, room = (nuint)latin1.Length, i = 0, o = 0;
        var leadMask = Vector128.Create((ushort)0xC0FE);
        var leadPattern = Vector128.Create((ushort)0x80C2); // as little-endian pairs: a C2/C3 lead, then 10xxxxxx
        while (i + 32 <= length)
        {
            // 32 bytes at a time: all ASCII (copied), or all two-byte sequences starting here (16 bytes out).
            var low = Vector128.LoadUnsafe(ref source, i);
            var high = Vector128.LoadUnsafe(ref source, i + 16);
            if (((low | high) & Vector128.Create((byte)0x80)) == Vector128<byte>.Zero)
            {
                if (o + 32 > room) return false;
                low.StoreUnsafe(ref target, o);
                high.StoreUnsafe(ref target, o + 16);
                i += 32;
                o += 32;
                continue;
            }
            var pairsLow = low.AsUInt16();
            var pairsHigh = high.AsUInt16();
            if (Vector128.EqualsAll(pairsLow & leadMask, leadPattern) && Vector128.EqualsAll(pairsHigh & leadMask, leadPattern))
            {
                if (o + 16 > room) return false;
                Vector128.Narrow(Pair(pairsLow), Pair(pairsHigh)).StoreUnsafe(ref target, o);
                i += 32;
                o += 16;
                continue;
            }
            // Mixed: one code point at a time up to the next 32 bytes (a sequence may end just past them).
            var stop = i + 32;
            while (i < stop)
                if (!Step(ref source, length, ref i, ref target, room, ref o)) return false;
        }
        while (i < length)
            if (!Step(ref source, length, ref i, ref target, room, ref o)) return false;
        return o == room;
    }

    /// <summary>The code point of each pair: the lead's low 2 bits, then the continuation byte's low 6.</summary>
    private static Vector128<ushort> Pair(Vector128<ushort> pairs) =>
        ((pairs & Vector128.Create((ushort)0x03)) << 6) | ((pairs >> 8) & Vector128.Create((ushort)0x3F));

    private static bool Step(ref byte source, nuint length, ref nuint i, ref byte target, nuint room, ref nuint o)
    {
        if (o >= room) return false;
        var lead = At(ref source, i);
        if (lead < 0x80)
        {
            At(ref target, o++) = lead;
            i++;
            return true;
        }
        if ((lead & 0xFE) != 0xC2 || i + 1 >= length) return false;
        var next = At(ref source, i + 1);
        if ((next & 0xC0) != 0x80) return false;
        At(ref target, o++) = (byte)(((lead & 0x03) << 6) | (next & 0x3F));
        i += 2;
        return true;
    }

    private static ref byte At(ref byte start, nuint offset) => ref Unsafe.Add(ref start, offset);
}
