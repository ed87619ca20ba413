using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using PyCompat.Pickling.Text;

namespace PyCompat.Pickling.Writing;

/// <summary>
/// A small value of tuples, short str and the scalars (a pool worker's result <c>(job, i, (True, value))</c>, a queue
/// item of a few fields) written straight into its pickle, with the opcodes the writer gives them: lowering it into
/// nodes and running Razorvine's Pickler took a pool result 0.47 us and 912 bytes (docs/performance.md, "On
/// 2026-12-04"). Anything else, or anything larger, is null and goes the general way.
/// </summary>
internal static class SmallValue
{
    private const int MaxLength = 512, MaxDepth = 8, MaxItems = 16, MaxChars = 128;

    /// <summary>Room for the longest item past <see cref="MaxLength"/>: BINUNICODE of <see cref="MaxChars"/> chars.</summary>
    private const int BufferLength = MaxLength + 5 + 3 * MaxChars + 2;

    public static byte[]? TryPickle(object? value, int protocol)
    {
        if (value is not (PyTuple or string or null or int or long or double or bool)) return null;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferLength);
        try
        {
            buffer[0] = 0x80; // PROTO
            buffer[1] = (byte)protocol;
            var at = 2;
            if (!Put(buffer, ref at, value, 0)) return null;
            buffer[at++] = (byte)'.'; // STOP
            return buffer.AsSpan(0, at).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool Put(byte[] buffer, ref int at, object? value, int depth)
    {
        if (at > MaxLength) return false;
        switch (value)
        {
            case null or int or double or bool:
            case long l when l is >= int.MinValue and <= int.MaxValue:
                at = ScalarOpcodes.Put(buffer, at, value);
                return true;
            case string text:
                // BINUNICODE, as the writer writes every str; a lone surrogate needs its surrogatepass bytes.
                if (text.Length > MaxChars || SurrogatePass.HasLoneSurrogate(text)) return false;
                buffer[at] = (byte)'X';
                var written = Encoding.UTF8.GetBytes(text, buffer.AsSpan(at + 5));
                BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at + 1), written);
                at += 5 + written;
                return true;
            case PyTuple tuple:
                if (depth >= MaxDepth || tuple.Count > MaxItems) return false;
                if (tuple.Count == 0)
                {
                    buffer[at++] = (byte)')'; // EMPTY_TUPLE
                    return true;
                }
                if (tuple.Count > 3) buffer[at++] = (byte)'('; // MARK
                foreach (var item in tuple.Items)
                    if (!Put(buffer, ref at, item, depth + 1)) return false;
                buffer[at++] = tuple.Count switch
                {
                    1 => 0x85, // TUPLE1
                    2 => 0x86, // TUPLE2
                    3 => 0x87, // TUPLE3
                    _ => (byte)'t', // TUPLE
                };
                return true;
            default:
                return false;
        }
    }
}
