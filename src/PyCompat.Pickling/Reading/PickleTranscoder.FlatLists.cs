using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace PyCompat.Pickling.Reading;

/// <summary>
/// A counted list's flat items, read by PyCompat instead of Razorvine: the reading side of
/// Writing/ScalarListNode.cs. A list of a million ints reaches Razorvine as a million opcodes, each dispatched, pushed
/// on its stack, copied into a batch array by APPENDS and then visited again by the raiser; here each becomes its
/// final value in one step, straight into the list the value table returns.
/// <para>
/// The list goes to Razorvine out of band (NEXT_BUFFER) as the <see cref="ListBuilder"/> that its list(length)
/// constructor would have made, followed by the list's own memo write. Then the APPENDS and APPEND batches that follow
/// are read here one at a time while every item in a batch is flat: None, a bool, an int, a float, a str, short bytes,
/// or a tuple of those (its memo write dropped unless a GET reads it). The first batch with anything else, and all
/// that follows it, is left in the stream for Razorvine, whose APPENDS then add to the same list: a batch is taken
/// whole or not at all, so the list is on top of Razorvine's stack wherever the stream resumes. The values are the
/// ones the raiser would have made from Razorvine's (ints as int when they fit, tuples as <see cref="PyTuple"/>), and
/// <see cref="ListBuilder.Raised"/> tells the raiser they are final. The scanner has checked every opcode, so none of
/// this can run past the data; what it does not recognise it leaves alone.
/// </para>
/// </summary>
internal sealed partial class PickleTranscoder
{
    /// <summary>BININT1's values, boxed once: a list of small ints shares them (ints are immutable values).</summary>
    private static readonly object[] SmallInts = MakeSmallInts();
    private static readonly object True = true, False = false;

    private static object[] MakeSmallInts()
    {
        var ints = new object[256];
        for (var i = 0; i < ints.Length; i++) ints[i] = i;
        return ints;
    }

    /// <summary>
    /// Emits the counted EMPTY_LIST at <paramref name="at"/> and takes the flat batches after it; returns the offset
    /// where the stream resumes.
    /// </summary>
    private int EmitCountedList(ReadOnlySpan<byte> data, int at)
    {
        var list = new ListBuilder(_scan.CountedLengths![at]);
        _context.Buffers.Enqueue(list);
        WriteByte(PickleOps.NextBuffer);
        var pos = at + 1;
        if (data[pos] is PickleOps.BinPut or PickleOps.LongBinPut or PickleOps.Memoize)
        {
            var memoEnd = OpEnd(data, pos);
            RewriteOp(data[pos], data[(pos + 1)..memoEnd]);
            pos = memoEnd;
        }
        var items = list.Items;
        while (TakeBatch(data, pos, items) is var next and >= 0) pos = next;
        list.Raised = items.Count;
        return pos;
    }

    /// <summary>
    /// Reads the APPENDS (or APPEND) batch at <paramref name="pos"/> into <paramref name="items"/> if every item in it
    /// is flat, and returns the offset after it; otherwise leaves <paramref name="items"/> and the memo count as they
    /// were and returns -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per list: at Tier0 a million items would crawl
    private int TakeBatch(ReadOnlySpan<byte> data, int pos, List<object?> items)
    {
        var start = items.Count;
        var memoizeOps = _memoizeOps;
        // Where the batch's MARK (outer) and a tuple's MARK inside it (inner) put their items; -1 while not open.
        int outer = -1, inner = -1;
        var p = pos;
        while (true)
        {
            switch (data[p])
            {
                case PickleOps.None:
                    items.Add(null);
                    p++;
                    break;
                case PickleOps.NewTrue:
                    items.Add(True);
                    p++;
                    break;
                case PickleOps.NewFalse:
                    items.Add(False);
                    p++;
                    break;
                case PickleOps.BinInt1:
                    items.Add(SmallInts[data[p + 1]]);
                    p += 2;
                    break;
                case PickleOps.BinInt2:
                    items.Add((int)BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(p + 1, 2)));
                    p += 3;
                    break;
                case PickleOps.BinInt:
                    items.Add(BinaryPrimitives.ReadInt32LittleEndian(data.Slice(p + 1, 4)));
                    p += 5;
                    break;
                case PickleOps.Long1 when data[p + 1] <= 8:
                    items.Add(SmallLong(data.Slice(p + 2, data[p + 1])));
                    p += 2 + data[p + 1];
                    break;
                case PickleOps.BinFloat:
                    items.Add(BinaryPrimitives.ReadDoubleBigEndian(data.Slice(p + 1, 8)));
                    p += 9;
                    break;
                case PickleOps.ShortBinUnicode:
                {
                    var text = data.Slice(p + 2, data[p + 1]);
                    // Not strict UTF-8 (a lone surrogate): the transcoder's own decoding, on the general path.
                    if (!Utf8.IsValid(text)) return Refuse(items, start, memoizeOps);
                    items.Add(Encoding.UTF8.GetString(text));
                    p += 2 + text.Length;
                    break;
                }
                case PickleOps.BinUnicode:
                {
                    var text = data.Slice(p + 5, (int)BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(p + 1, 4)));
                    if (!Utf8.IsValid(text)) return Refuse(items, start, memoizeOps);
                    items.Add(Encoding.UTF8.GetString(text));
                    p += 5 + text.Length;
                    break;
                }
                case PickleOps.ShortBinBytes:
                    items.Add(data.Slice(p + 2, data[p + 1]).ToArray());
                    p += 2 + data[p + 1];
                    break;
                case PickleOps.EmptyTuple:
                    items.Add(PyTuple.Empty);
                    p++;
                    break;
                case PickleOps.Tuple1 or PickleOps.Tuple2 or PickleOps.Tuple3:
                {
                    var n = data[p] - PickleOps.Tuple1 + 1;
                    var floor = inner >= 0 ? inner : outer >= 0 ? outer : start;
                    if (items.Count - floor < n) return Refuse(items, start, memoizeOps);
                    ToTuple(items, items.Count - n);
                    p++;
                    break;
                }
                case PickleOps.Mark:
                    if (outer < 0) outer = items.Count;
                    else if (inner < 0) inner = items.Count;
                    else return Refuse(items, start, memoizeOps);
                    p++;
                    break;
                case PickleOps.Tuple:
                    if (inner >= 0)
                    {
                        ToTuple(items, inner);
                        inner = -1;
                    }
                    else if (outer >= 0)
                    {
                        ToTuple(items, outer);
                        outer = -1;
                    }
                    else
                    {
                        return Refuse(items, start, memoizeOps);
                    }
                    p++;
                    break;
                case PickleOps.BinPut or PickleOps.LongBinPut or PickleOps.Memoize:
                {
                    // A memo write names the value on top, which must be one of this batch's (not a MARK's floor).
                    if (items.Count <= Math.Max(start, Math.Max(outer, inner))) return Refuse(items, start, memoizeOps);
                    var op = data[p];
                    var index = op == PickleOps.BinPut ? data[p + 1]
                        : op == PickleOps.LongBinPut ? BinaryPrimitives.ReadInt32LittleEndian(data.Slice(p + 1, 4))
                        : NextMemoizeIndex();
                    if (Kept(index)) return Refuse(items, start, memoizeOps); // shared: Razorvine keeps it in its memo
                    p += op == PickleOps.BinPut ? 2 : op == PickleOps.LongBinPut ? 5 : 1;
                    break;
                }
                case PickleOps.Frame:
                    p += 9;
                    break;
                case PickleOps.Appends when outer == start && inner < 0:
                    return p + 1;
                case PickleOps.Append when outer < 0 && inner < 0 && items.Count - start == 1:
                    return p + 1;
                default:
                    return Refuse(items, start, memoizeOps);
            }
        }
    }

    private int Refuse(List<object?> items, int start, int memoizeOps)
    {
        items.RemoveRange(start, items.Count - start);
        _memoizeOps = memoizeOps;
        return -1;
    }

    /// <summary>Replaces the items from <paramref name="from"/> on with one tuple of them.</summary>
    private static void ToTuple(List<object?> items, int from)
    {
        var tuple = new object?[items.Count - from];
        CollectionsMarshal.AsSpan(items)[from..].CopyTo(tuple);
        items.RemoveRange(from, tuple.Length);
        items.Add(PyTuple.Own(tuple));
    }

    /// <summary>LONG1 of at most 8 bytes (two's complement, little-endian), as the raiser normalizes it: int when it fits.</summary>
    private static object SmallLong(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return SmallInts[0];
        long value = 0;
        for (var i = bytes.Length - 1; i >= 0; i--) value = (value << 8) | bytes[i];
        var unused = 64 - 8 * bytes.Length;
        value = value << unused >> unused; // sign-extend from the top byte
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : value;
    }
}
