using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Unicode;
using PyCompat.Pickling.Text;

namespace PyCompat.Pickling.Reading;

/// <summary>
/// Rewrites the few opcodes whose Razorvine handling loses Python information into equivalent opcode sequences that
/// reach PyCompat's own constructors, after <see cref="PickleScanner"/> has validated the pickle:
/// <list type="bullet">
/// <item>every GLOBAL / STACK_GLOBAL / INST goes through PyCompat's resolver (below protocol 3 the one that reads
/// Python 2 names as CPython does), so unknown classes
/// (with constructor arguments) become PyObject instead of failing in Razorvine's ClassDictConstructor;</item>
/// <item>PyCompat's own callables are pushed with BINPERSID of their slot (<see cref="InternalSlots"/>), which Razorvine hands to <see cref="PyUnpickler"/>'s
/// persistentLoad: nothing is registered in Razorvine's static registry;</item>
/// <item>a large str leaves the stream, and the text of a bytes value at protocol 2 is read straight into its bytes
/// (PickleTranscoder.EncodedBytes.cs);</item>
/// <item>a str whose bytes Razorvine would decode lossily (UNICODE always; BINUNICODE, SHORT_BINUNICODE and
/// BINUNICODE8 when not strict UTF-8, e.g. a lone surrogate that CPython writes with surrogatepass) is decoded here,
/// or refused as CPython refuses it, and handed over out of band like large bytes;</item>
/// <item>NEWOBJ / NEWOBJ_EX become REDUCE with a marker, so PyObject.ViaReduce survives the trip;</item>
/// <item>an EMPTY_LIST that gets <see cref="PickleScanner.CountedList"/> items or more reaches Razorvine out of band
/// as the final list at its final length (<see cref="ListBuilder"/>), and the batches of flat items after it (None,
/// bools, ints, floats, str, short bytes, tuples of them) are read into it here, not by Razorvine
/// (PickleTranscoder.FlatLists.cs);</item>
/// <item>EMPTY_DICT / DICT build an ordered dict that takes None keys (Razorvine's Hashtable refuses them), and
/// SETITEMS becomes a call that adds the items in order (Razorvine's SETITEMS inserts them in reverse);</item>
/// <item>BUILD becomes a call of PyCompat's too: Razorvine's BUILD finds <c>__setstate__</c> by reflection every time,
/// and its invoke stub cost every .NET child ~2.5 ms to make at its second dict;</item>
/// <item>FROZENSET and BYTEARRAY8 (protocols 4-5) reach the frozenset and bytearray constructors (Razorvine would
/// give a set and bytes);</item>
/// <item>protocol 0 text FLOAT/INT/LONG become binary (Razorvine cannot parse <c>inf</c> or ints beyond 64 bits);</item>
/// <item>memo writes that no GET reads are dropped (Razorvine would hash each into its memo), and MEMOIZE becomes an
/// explicit LONG_BINPUT; negative memo slots, which no pickle can use, hold PyCompat's scratch register (pickle has
/// no SWAP opcode) and its internal callables, so each is named once per pickle;</item>
/// <item>bytes of <see cref="PickleScanner.LargeBytes"/> and more are copied once, straight into their array, and
/// handed to Razorvine as out-of-band buffers (NEXT_BUFFER, Razorvine's <c>nextBuffer()</c> extension point);</item>
/// <item>FRAME is dropped: its lengths no longer hold after rewriting, and Razorvine ignores it anyway.</item>
/// </list>
/// Everything between the opcodes the scanner listed is copied as one block. Razorvine does the rest of the decoding.
/// </summary>
internal sealed partial class PickleTranscoder
{
    private const int ScratchSlot = InternalSlots.Scratch, DictSlot = InternalSlots.Dict, DictItemsSlot = InternalSlots.DictItems,
        NewObjSlot = InternalSlots.NewObj, ResolveSlot = InternalSlots.Resolve, ResolvePython2Slot = InternalSlots.ResolvePython2,
        BuildSlot = InternalSlots.Build;

    /// <summary>
    /// The memo index of each internal slot: negative ints from -1 down (no memo index below 2^31 is negative), skipping
    /// any the pickle itself reads, since its unsigned indices from 2^31 up arrive in Razorvine as negative ints too.
    /// </summary>
    private readonly int[] _slots = new int[InternalSlots.Count];

    private int Scratch => _slots[ScratchSlot];

    private byte[] _out;
    private int _length;
    private int _memoizeOps;
    private int _at; // offset of the opcode being rewritten
    private int _protocol; // as CPython's Unpickler: 0 until a PROTO opcode says otherwise
    private readonly bool[] _slotNamed = new bool[InternalSlots.Count];
    private readonly ScanResult _scan;
    private readonly DecodeContext _context;
    private readonly SegmentMap? _map;

    private PickleTranscoder(int capacity, ScanResult scan, DecodeContext context, SegmentMap? map)
    {
        _out = ArrayPool<byte>.Shared.Rent(capacity);
        _scan = scan;
        _context = context;
        _map = map;
        var candidate = -1;
        for (var i = 0; i < _slots.Length; i++)
        {
            while (scan.Fetched is { } fetched && fetched.Contains(candidate)) candidate--;
            _slots[i] = candidate--;
        }
    }

    /// <summary>
    /// The rewritten pickle in a pooled buffer (return it with <see cref="Return"/>), of which the first
    /// <paramref name="length"/> bytes are the pickle. With <paramref name="map"/>, records where each output byte
    /// came from (for locating a failure).
    /// </summary>
    public static byte[] Transcode(ReadOnlySpan<byte> data, ScanResult scan, DecodeContext context, out int length, SegmentMap? map = null)
    {
        var end = scan.StopOffset + 1;
        var transcoder = new PickleTranscoder((int)Math.Min(Array.MaxLength, end - scan.OutOfBand + 64 + scan.Rewrites.Count * 8L), scan, context, map);
        var run = 0;
        foreach (var at in scan.Rewrites.AsSpan())
        {
            if (at < run) continue; // inside a list's batches, which the transcoder read itself
            transcoder.CopyRun(data, run, at);
            var before = transcoder._length;
            run = transcoder.Rewrite(data, at, OpEnd(data, at));
            map?.Rewrite(before, transcoder._length, at);
        }
        transcoder.CopyRun(data, run, end);
        length = transcoder._length;
        return transcoder._out;
    }

    public static void Return(byte[] buffer) => ArrayPool<byte>.Shared.Return(buffer);

    /// <summary>The offset just past the opcode at <paramref name="at"/> and its argument (the scanner checked it).</summary>
    public static int OpEnd(ReadOnlySpan<byte> data, int at)
    {
        PickleOps.TryGetArg(data[at], out var kind, out var size);
        var start = at + 1;
        switch (kind)
        {
            case ArgKind.None: return start;
            case ArgKind.Fixed: return start + size;
            case ArgKind.Line: return start + data[start..].IndexOf((byte)'\n') + 1;
            case ArgKind.TwoLines:
                var first = start + data[start..].IndexOf((byte)'\n') + 1;
                return first + data[first..].IndexOf((byte)'\n') + 1;
            default:
                var prefix = data.Slice(start, size);
                var length = size switch
                {
                    1 => prefix[0],
                    4 => (long)BinaryPrimitives.ReadUInt32LittleEndian(prefix),
                    _ => (long)BinaryPrimitives.ReadUInt64LittleEndian(prefix),
                };
                return start + size + (int)length;
        }
    }

    private void CopyRun(ReadOnlySpan<byte> data, int from, int to)
    {
        if (to <= from) return;
        _map?.Run(_length, from, to - from);
        Write(data[from..to]);
    }

    /// <summary>Rewrites the opcode at <paramref name="at"/>; returns the offset where copying resumes.</summary>
    private int Rewrite(ReadOnlySpan<byte> data, int at, int end)
    {
        var op = data[at];
        _at = at;
        try
        {
            if (op == PickleOps.EmptyList) return EmitCountedList(data, at);
            if (op == PickleOps.BinUnicode && end - at - 5 >= PickleScanner.LargeBytes)
            {
                EmitLargeText(data, data[(at + 5)..end], end);
                return end;
            }
            RewriteOp(op, data[(at + 1)..end]);
            return end;
        }
        catch (UnpicklingError e)
        {
            throw e.At(at, PickleOps.Name(op));
        }
    }

    private void RewriteOp(byte op, ReadOnlySpan<byte> arg)
    {
        switch (op)
        {
            case PickleOps.Frame:
                return;
            case PickleOps.Proto:
                _protocol = arg[0];
                // Two bytes one at a time: a collection expression of non-constant bytes is an InlineArray2<byte>,
                // whose generic helpers the JIT compiled at every .NET child's first decode.
                WriteByte(op);
                WriteByte(arg[0]);
                return;
            case PickleOps.Unicode:
                EmitText(RawUnicodeEscape.Decode(arg[..^1]));
                return;
            case PickleOps.BinUnicode:
                EmitText(SurrogatePass.Decode(arg[4..]));
                return;
            case PickleOps.ShortBinUnicode:
                EmitText(SurrogatePass.Decode(arg[1..]));
                return;
            case PickleOps.BinUnicode8:
                EmitText(SurrogatePass.Decode(arg[8..]));
                return;
            case PickleOps.Memoize:
                var index = NextMemoizeIndex();
                if (Kept(index)) EmitWithInt32(PickleOps.LongBinPut, index);
                return;
            case PickleOps.BinPut:
                if (!Kept(arg[0])) return;
                WriteByte(op);
                WriteByte(arg[0]);
                return;
            case PickleOps.LongBinPut:
                var longIndex = BinaryPrimitives.ReadInt32LittleEndian(arg);
                if (Kept(longIndex)) EmitWithInt32(PickleOps.LongBinPut, longIndex);
                return;
            case PickleOps.Put:
                var putIndex = int.Parse(Encoding.ASCII.GetString(arg[..^1]), CultureInfo.InvariantCulture);
                if (Kept(putIndex)) EmitWithInt32(PickleOps.LongBinPut, putIndex);
                return;
            case PickleOps.Global:
                var nl = arg.IndexOf((byte)'\n');
                EmitResolve(arg[..nl], arg[(nl + 1)..^1], ResolveByProtocol);
                return;
            case PickleOps.StackGlobal:
                WriteByte(PickleOps.Tuple2);
                StashTop();
                EmitInternal(ResolveByProtocol);
                EmitWithInt32(PickleOps.LongBinGet, Scratch);
                WriteByte(PickleOps.Reduce);
                return;
            case PickleOps.Inst:
                var instNl = arg.IndexOf((byte)'\n');
                WriteByte(PickleOps.Tuple);
                StashTop();
                EmitResolve(arg[..instNl], arg[(instNl + 1)..^1], ResolveByProtocol);
                EmitWithInt32(PickleOps.LongBinGet, Scratch);
                WriteByte(PickleOps.Reduce);
                return;
            case PickleOps.NewObj:
                EmitInternal(NewObjSlot);
                Write([PickleOps.Tuple2, PickleOps.Reduce]);
                return;
            case PickleOps.NewObjEx:
                EmitInternal(NewObjSlot);
                Write([PickleOps.Tuple3, PickleOps.Reduce]);
                return;
            case PickleOps.EmptyDict when _scan.CountedLengths is { } counted && counted.TryGetValue(_at, out var dictLength):
                EmitInternal(DictSlot);
                EmitWithInt32(PickleOps.BinInt, dictLength);
                Write([PickleOps.Tuple1, PickleOps.Reduce]);
                return;
            case PickleOps.EmptyDict:
                EmitInternal(DictSlot);
                Write([PickleOps.EmptyTuple, PickleOps.Reduce]);
                return;
            case PickleOps.Dict:
                WriteByte(PickleOps.Tuple);
                CallWithTopAsArg(DictSlot);
                return;
            case PickleOps.SetItems:
                // Razorvine's SETITEMS inserts a batch in reverse order; dicts keep insertion order in Python.
                Write([PickleOps.Tuple, PickleOps.Tuple2]);
                CallWithTopAsArg(DictItemsSlot);
                return;
            case PickleOps.Build:
                WriteByte(PickleOps.Tuple2);
                CallWithTopAsArg(BuildSlot);
                return;
            case PickleOps.EmptySet:
                // Razorvine's EMPTY_SET makes a plain HashSet; builtins.set() makes one that refuses unhashable items.
                EmitResolve("builtins"u8, "set"u8, ResolveSlot);
                Write([PickleOps.EmptyTuple, PickleOps.Reduce]);
                return;
            case PickleOps.FrozenSet:
                WriteByte(PickleOps.Tuple);
                StashTop();
                EmitResolve("builtins"u8, "frozenset"u8, ResolveSlot);
                EmitWithInt32(PickleOps.LongBinGet, Scratch);
                Write([PickleOps.Tuple1, PickleOps.Reduce]);
                return;
            case PickleOps.ByteArray8:
                EmitResolve("builtins"u8, "bytearray"u8, ResolveSlot);
                EmitBytes(arg[8..]);
                Write([PickleOps.Tuple1, PickleOps.Reduce]);
                return;
            case PickleOps.BinBytes:
                EmitBytes(arg[4..]);
                return;
            case PickleOps.BinBytes8:
                EmitBytes(arg[8..]);
                return;
            case PickleOps.Float:
                EmitBinFloat(ParseFloat(arg));
                return;
            case PickleOps.Int when arg is [(byte)'0', (byte)'0' or (byte)'1', (byte)'\n']:
                WriteByte(arg[1] == '1' ? PickleOps.NewTrue : PickleOps.NewFalse);
                return;
            case PickleOps.Int or PickleOps.Long:
                EmitLong(ParseInteger(arg));
                return;
            default:
                throw new UnpicklingError($"internal: opcode 0x{op:x2} was listed for rewriting");
        }
    }

    /// <summary>CPython's Unpickler maps Python 2 names (fix_imports) while its protocol is below 3.</summary>
    private int ResolveByProtocol => _protocol < 3 ? ResolvePython2Slot : ResolveSlot;

    /// <summary>A str PyCompat decoded itself reaches Razorvine out of band, as it is.</summary>
    private void EmitText(string text)
    {
        _context.Buffers.Enqueue(text);
        WriteByte(PickleOps.NextBuffer);
    }

    /// <summary>The memo index of the next MEMOIZE, which counts it.</summary>
    private int NextMemoizeIndex()
    {
        var index = _scan.MemoizeIndex is { } mixed && mixed.TryGetValue(_memoizeOps, out var m) ? m : _memoizeOps;
        _memoizeOps++;
        return index;
    }

    /// <summary>Whether a memo write must stay: some GET reads its index.</summary>
    private bool Kept(int index) => _scan.Fetched is { } fetched && fetched.Contains(index);

    /// <summary>Large bytes go out of band: one copy into their own array; small ones stay BINBYTES8.</summary>
    private void EmitBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= PickleScanner.LargeBytes)
        {
            var copy = GC.AllocateUninitializedArray<byte>(bytes.Length);
            bytes.CopyTo(copy);
            _context.Buffers.Enqueue(copy);
            WriteByte(PickleOps.NextBuffer);
            return;
        }
        Span<byte> header = stackalloc byte[9];
        header[0] = PickleOps.BinBytes8;
        BinaryPrimitives.WriteInt64LittleEndian(header[1..], bytes.Length);
        Write(header);
        Write(bytes);
    }

    /// <summary>Moves the top of the stack into the scratch memo slot and pops it.</summary>
    private void StashTop()
    {
        EmitWithInt32(PickleOps.LongBinPut, Scratch);
        WriteByte(PickleOps.Pop);
    }

    /// <summary>Calls the internal callable in <paramref name="slot"/> with the top of the stack as its one argument.</summary>
    private void CallWithTopAsArg(int slot)
    {
        StashTop();
        EmitInternal(slot);
        EmitWithInt32(PickleOps.LongBinGet, Scratch);
        Write([PickleOps.Tuple1, PickleOps.Reduce]);
    }

    private void EmitResolve(ReadOnlySpan<byte> module, ReadOnlySpan<byte> name, int resolveSlot)
    {
        // CPython reads GLOBAL and INST names as strict UTF-8; Razorvine would replace what is not.
        if (!Utf8.IsValid(module)) SurrogatePass.DecodeStrict(module);
        if (!Utf8.IsValid(name)) SurrogatePass.DecodeStrict(name);
        EmitInternal(resolveSlot);
        EmitUnicode(module);
        EmitUnicode(name);
        Write([PickleOps.Tuple2, PickleOps.Reduce]);
    }

    /// <summary>Pushes PyCompat's internal callable of <paramref name="slot"/>: by its persistent id the first time, then from the memo.</summary>
    private void EmitInternal(int slot)
    {
        if (_slotNamed[slot])
        {
            EmitWithInt32(PickleOps.LongBinGet, _slots[slot]);
            return;
        }
        _slotNamed[slot] = true;
        WriteByte((byte)'K'); // BININT1: the slot is the id
        WriteByte((byte)slot);
        WriteByte(PickleOps.BinPersId);
        EmitWithInt32(PickleOps.LongBinPut, _slots[slot]);
    }

    private void EmitUnicode(ReadOnlySpan<byte> utf8)
    {
        Span<byte> header = stackalloc byte[5];
        header[0] = PickleOps.BinUnicode;
        BinaryPrimitives.WriteInt32LittleEndian(header[1..], utf8.Length);
        Write(header);
        Write(utf8);
    }

    private void EmitWithInt32(byte op, int value)
    {
        Span<byte> bytes = stackalloc byte[5];
        bytes[0] = op;
        BinaryPrimitives.WriteInt32LittleEndian(bytes[1..], value);
        Write(bytes);
    }

    private void EmitBinFloat(double value)
    {
        Span<byte> bytes = stackalloc byte[9];
        bytes[0] = PickleOps.BinFloat;
        BinaryPrimitives.WriteDoubleBigEndian(bytes[1..], value);
        Write(bytes);
    }

    private void EmitLong(BigInteger value)
    {
        var bytes = value.ToByteArray();
        if (bytes.Length < 256)
        {
            WriteByte(PickleOps.Long1);
            WriteByte((byte)bytes.Length);
        }
        else
        {
            EmitWithInt32(PickleOps.Long4, bytes.Length);
        }
        Write(bytes);
    }

    private void WriteByte(byte b)
    {
        if (_length == _out.Length) Grow(1);
        _out[_length++] = b;
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _out.Length - _length) Grow(bytes.Length);
        bytes.CopyTo(_out.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Grow(int needed)
    {
        var size = (int)Math.Min(Array.MaxLength, Math.Max((long)_out.Length * 2, (long)_length + needed));
        if (size - _length < needed) throw new UnpicklingError("the rewritten pickle would not fit in a .NET array");
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _out.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_out);
        _out = bigger;
    }

    private static double ParseFloat(ReadOnlySpan<byte> arg)
    {
        var text = Encoding.ASCII.GetString(arg).Trim();
        return text switch
        {
            "inf" or "+inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" or "-nan" or "+nan" => double.NaN,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? d
                : throw new UnpicklingError($"could not convert the protocol 0 FLOAT argument '{Clip(text)}' to a float"),
        };
    }

    private static BigInteger ParseInteger(ReadOnlySpan<byte> arg)
    {
        var text = Encoding.ASCII.GetString(arg).Trim().TrimEnd('L');
        return BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UnpicklingError($"could not convert the protocol 0 INT/LONG argument '{Clip(text)}' to an int");
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";
}

/// <summary>Where each byte of a rewritten pickle came from, to name the original opcode when Razorvine fails.</summary>
internal sealed class SegmentMap
{
    private readonly List<(int OutStart, int OutEnd, int InStart, bool Copied)> _segments = [];

    public void Run(int outStart, int inStart, int length) => _segments.Add((outStart, outStart + length, inStart, true));

    public void Rewrite(int outStart, int outEnd, int inOffset) => _segments.Add((outStart, outEnd, inOffset, false));

    /// <summary>The offset, in the original pickle, of the opcode the output byte <paramref name="outPosition"/> belongs to.</summary>
    public int OriginalOffset(ReadOnlySpan<byte> original, int outPosition)
    {
        foreach (var (outStart, outEnd, inStart, copied) in _segments)
        {
            if (outPosition < outStart || outPosition >= outEnd) continue;
            if (!copied) return inStart;
            // A copied run starts on an opcode: walk its opcodes to the one holding the byte.
            var target = inStart + (outPosition - outStart);
            var at = inStart;
            while (true)
            {
                var next = PickleTranscoder.OpEnd(original, at);
                if (target < next) return at;
                at = next;
            }
        }
        return -1;
    }
}
