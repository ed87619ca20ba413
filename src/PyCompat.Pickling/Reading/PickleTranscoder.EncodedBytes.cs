using PyCompat.Pickling.Text;

namespace PyCompat.Pickling.Reading;

/// <summary>
/// Large str (BINUNICODE of <see cref="PickleScanner.LargeBytes"/> and more) leave the stream: a .NET string is twice
/// the size of the latin-1 text CPython keeps, and Razorvine copies the UTF-8 once more before decoding it. One that
/// is the text of a bytes value at protocol 2 (<c>_codecs.encode(text, 'latin1')</c>) is read straight into its
/// bytes: 10 MB of bytes at protocol 2 load in 2.1-2.6 ms, 13-19 ms through the string, CPython's 7.7 ms
/// (docs/performance.md, "On 2026-12-04").
/// </summary>
internal sealed partial class PickleTranscoder
{
    private void EmitLargeText(ReadOnlySpan<byte> data, ReadOnlySpan<byte> utf8, int end)
    {
        if (IsEncodedBytes(data, end) && Latin1Utf8.TryDecode(utf8) is { } bytes)
        {
            _context.Buffers.Enqueue(new Latin1Text(bytes));
            WriteByte(PickleOps.NextBuffer);
            return;
        }
        EmitText(SurrogatePass.Decode(utf8));
    }

    /// <summary>
    /// Whether the str just before <paramref name="at"/> is the first of two arguments of a call, as CPython writes
    /// <c>_codecs.encode(text, 'latin1')</c>: [a PUT of the text] the encoding [a PUT] TUPLE2 [a PUT] REDUCE, the
    /// text's and the tuple's PUTs read by no GET. Then <see cref="Latin1Text"/> is seen by that callable only, which
    /// checks the callable and the encoding itself (<see cref="PyConstructor"/>).
    /// </summary>
    private bool IsEncodedBytes(ReadOnlySpan<byte> data, int at) =>
        SkipPut(data, ref at, unread: true) && SkipEncoding(data, ref at) && SkipPut(data, ref at, unread: false)
        && Next(data, ref at, PickleOps.Tuple2) && SkipPut(data, ref at, unread: true) && at < data.Length
        && data[at] == PickleOps.Reduce;

    /// <summary>Steps over a BINPUT or LONG_BINPUT (with <paramref name="unread"/>, only one no GET reads); false for
    /// MEMOIZE, whose index depends on the count the rewriting pass keeps.</summary>
    private bool SkipPut(ReadOnlySpan<byte> data, ref int at, bool unread)
    {
        if (at >= data.Length) return false;
        switch (data[at])
        {
            case PickleOps.BinPut when at + 2 <= data.Length:
                if (unread && Kept(data[at + 1])) return false;
                at += 2;
                return true;
            case PickleOps.LongBinPut when at + 5 <= data.Length:
                if (unread && Kept(System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(data.Slice(at + 1, 4)))) return false;
                at += 5;
                return true;
            case PickleOps.Memoize:
                return false;
            default:
                return true;
        }
    }

    /// <summary>Steps over the encoding: a short BINUNICODE, or a memo GET (of an earlier one, in CPython's pickles).</summary>
    private static bool SkipEncoding(ReadOnlySpan<byte> data, ref int at)
    {
        if (at >= data.Length) return false;
        switch (data[at])
        {
            case PickleOps.BinUnicode when at + 5 <= data.Length && data[at + 1] <= 16 && data[(at + 2)..(at + 5)].IndexOfAnyExcept((byte)0) < 0:
                at += 5 + data[at + 1];
                return at <= data.Length;
            case PickleOps.BinGet:
                at += 2;
                return at <= data.Length;
            case PickleOps.LongBinGet:
                at += 5;
                return at <= data.Length;
            default:
                return false;
        }
    }

    private static bool Next(ReadOnlySpan<byte> data, ref int at, byte op)
    {
        if (at >= data.Length || data[at] != op) return false;
        at++;
        return true;
    }
}
