using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace PyCompat.Pickling.Reading;

/// <summary>
/// Reads exactly one pickle (up to and including STOP) and rewrites the few opcodes whose Razorvine handling loses
/// Python information into equivalent opcode sequences that reach PyCompat's registered constructors:
/// <list type="bullet">
/// <item>every GLOBAL / STACK_GLOBAL / INST goes through <see cref="InternalNames.Resolve"/>, so unknown classes
/// (with constructor arguments) become PyObject instead of failing in Razorvine's ClassDictConstructor;</item>
/// <item>NEWOBJ / NEWOBJ_EX become REDUCE with a marker, so PyObject.ViaReduce survives the trip;</item>
/// <item>EMPTY_DICT / DICT build an ordered dict that takes None keys (Razorvine's Hashtable refuses them), and
/// SETITEMS becomes a BUILD with the items in order (Razorvine's SETITEMS inserts them in reverse);</item>
/// <item>FROZENSET and BYTEARRAY8 (protocols 4-5) reach the frozenset and bytearray constructors (Razorvine would
/// give a set and bytes);</item>
/// <item>protocol 0 text FLOAT/INT/LONG become binary (Razorvine cannot parse <c>inf</c> or ints beyond 64 bits);</item>
/// <item>MEMOIZE becomes an explicit LONG_BINPUT, which leaves memo slot -1 free as a scratch register for
/// reordering the stack (pickle has no SWAP opcode);</item>
/// <item>FRAME is dropped: its lengths no longer hold after rewriting, and Razorvine ignores it anyway.</item>
/// </list>
/// Razorvine still does all the decoding; this only reshapes the opcode stream it is given.
/// </summary>
internal sealed class PickleTranscoder
{
    private const int Scratch = -1;
    private readonly MemoryStream _out = new();
    private int _memoCount;

    public static byte[] Transcode(IPickleSource source)
    {
        var transcoder = new PickleTranscoder();
        transcoder.Run(source);
        return transcoder._out.ToArray();
    }

    private void Run(IPickleSource source)
    {
        while (true)
        {
            var op = source.ReadByte();
            if (!PickleOps.TryGetArg(op, out var kind, out var size))
                throw new UnpicklingError($"invalid pickle opcode 0x{op:x2} (the data is not a pickle, or is corrupt)");
            var arg = ReadArg(source, kind, size);
            if (op == PickleOps.Stop)
            {
                _out.WriteByte(op);
                return;
            }
            Rewrite(op, arg, size);
        }
    }

    private static byte[] ReadArg(IPickleSource source, ArgKind kind, int size)
    {
        switch (kind)
        {
            case ArgKind.None:
                return [];
            case ArgKind.Fixed:
                var fixedArg = new byte[size];
                source.ReadExactly(fixedArg);
                return fixedArg;
            case ArgKind.Line:
                return ReadLine(source);
            case ArgKind.TwoLines:
                return [.. ReadLine(source), .. ReadLine(source)];
            default:
                Span<byte> prefix = stackalloc byte[size];
                source.ReadExactly(prefix);
                var length = size switch
                {
                    1 => prefix[0],
                    4 => BinaryPrimitives.ReadUInt32LittleEndian(prefix),
                    _ => BinaryPrimitives.ReadUInt64LittleEndian(prefix),
                };
                if (length > int.MaxValue - 64)
                    throw new UnpicklingError($"a pickle opcode argument of {length} bytes is larger than a .NET array can hold");
                var counted = new byte[size + (int)length];
                prefix.CopyTo(counted);
                source.ReadExactly(counted.AsSpan(size));
                return counted;
        }
    }

    private static byte[] ReadLine(IPickleSource source)
    {
        var line = new List<byte>();
        byte b;
        do
        {
            b = source.ReadByte();
            line.Add(b);
        } while (b != (byte)'\n');
        return [.. line];
    }

    private void Rewrite(byte op, byte[] arg, int size)
    {
        switch (op)
        {
            case PickleOps.Frame:
                return;
            case PickleOps.Memoize:
                EmitLongBinPut(_memoCount++);
                return;
            case PickleOps.Global:
                var (module, name) = SplitLines(arg);
                EmitResolve(module, name);
                return;
            case PickleOps.StackGlobal:
                _out.WriteByte(PickleOps.Tuple2);
                CallWithTopAsArgs(InternalNames.Resolve, wrapInTuple: false);
                return;
            case PickleOps.Inst:
                var (instModule, instName) = SplitLines(arg);
                _out.WriteByte(PickleOps.Tuple);
                StashTop();
                EmitResolve(instModule, instName);
                EmitLongBinGet(Scratch);
                _out.WriteByte(PickleOps.Reduce);
                return;
            case PickleOps.NewObj:
                EmitInternalGlobal(InternalNames.NewObj);
                _out.Write([PickleOps.Tuple2, PickleOps.Reduce]);
                return;
            case PickleOps.NewObjEx:
                EmitInternalGlobal(InternalNames.NewObj);
                _out.Write([PickleOps.Tuple3, PickleOps.Reduce]);
                return;
            case PickleOps.EmptyDict:
                EmitInternalGlobal(InternalNames.Dict);
                _out.Write([PickleOps.EmptyTuple, PickleOps.Reduce]);
                return;
            case PickleOps.Dict:
                _out.WriteByte(PickleOps.Tuple);
                CallWithTopAsArgs(InternalNames.Dict, wrapInTuple: true);
                return;
            case PickleOps.SetItems:
                // Razorvine's SETITEMS inserts a batch in reverse order; dicts keep insertion order in Python.
                _out.WriteByte(PickleOps.Tuple);
                CallWithTopAsArgs(InternalNames.DictItems, wrapInTuple: true);
                _out.WriteByte(PickleOps.Build);
                return;
            case PickleOps.FrozenSet:
                _out.WriteByte(PickleOps.Tuple);
                StashTop();
                EmitResolve("builtins", "frozenset");
                EmitLongBinGet(Scratch);
                _out.Write([PickleOps.Tuple1, PickleOps.Reduce]);
                return;
            case PickleOps.ByteArray8:
                EmitResolve("builtins", "bytearray");
                _out.WriteByte(PickleOps.BinBytes8);
                _out.Write(arg);
                _out.Write([PickleOps.Tuple1, PickleOps.Reduce]);
                return;
            case PickleOps.Float:
                EmitBinFloat(ParseFloat(arg));
                return;
            case PickleOps.Int when arg is [(byte)'0', (byte)'0' or (byte)'1', (byte)'\n']:
                _out.WriteByte(arg[1] == '1' ? PickleOps.NewTrue : PickleOps.NewFalse);
                return;
            case PickleOps.Int or PickleOps.Long:
                EmitLong(ParseInteger(arg));
                return;
            case PickleOps.NextBuffer or PickleOps.ReadOnlyBuffer:
                throw new UnpicklingError("the pickle refers to out-of-band buffers (protocol 5 with buffer_callback); "
                    + "PyCompat reads in-band pickles only: pickle without buffer_callback");
            case PickleOps.Ext1 or PickleOps.Ext2 or PickleOps.Ext4:
                throw new UnpicklingError("the pickle uses copyreg extension codes (EXT1/EXT2/EXT4), which name classes "
                    + "through a registry only the writing process knows; pickle without copyreg.add_extension");
            case PickleOps.PersId or PickleOps.BinPersId:
                throw new UnpicklingError("the pickle holds persistent ids (a Pickler with persistent_id), which only "
                    + "the writing program can resolve; pickle without persistent_id");
            default:
                _out.WriteByte(op);
                _out.Write(arg);
                return;
        }
    }

    /// <summary>Moves the top of the stack into the scratch memo slot and pops it.</summary>
    private void StashTop()
    {
        EmitLongBinPut(Scratch);
        _out.WriteByte(PickleOps.Pop);
    }

    /// <summary>Calls internal callable <paramref name="name"/> with the top of the stack (as the args tuple, or as the one argument).</summary>
    private void CallWithTopAsArgs(string name, bool wrapInTuple)
    {
        StashTop();
        EmitInternalGlobal(name);
        EmitLongBinGet(Scratch);
        if (wrapInTuple) _out.WriteByte(PickleOps.Tuple1);
        _out.WriteByte(PickleOps.Reduce);
    }

    private void EmitResolve(string module, string name)
    {
        EmitInternalGlobal(InternalNames.Resolve);
        EmitUnicode(module);
        EmitUnicode(name);
        _out.Write([PickleOps.Tuple2, PickleOps.Reduce]);
    }

    private void EmitInternalGlobal(string name)
    {
        _out.WriteByte(PickleOps.Global);
        _out.Write(Encoding.ASCII.GetBytes($"{InternalNames.Module}\n{name}\n"));
    }

    private void EmitUnicode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        _out.WriteByte(PickleOps.BinUnicode);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        _out.Write(length);
        _out.Write(bytes);
    }

    private void EmitLongBinPut(int index) => EmitWithInt32(PickleOps.LongBinPut, index);

    private void EmitLongBinGet(int index) => EmitWithInt32(PickleOps.LongBinGet, index);

    private void EmitWithInt32(byte op, int value)
    {
        Span<byte> bytes = stackalloc byte[5];
        bytes[0] = op;
        BinaryPrimitives.WriteInt32LittleEndian(bytes[1..], value);
        _out.Write(bytes);
    }

    private void EmitBinFloat(double value)
    {
        Span<byte> bytes = stackalloc byte[9];
        bytes[0] = PickleOps.BinFloat;
        BinaryPrimitives.WriteDoubleBigEndian(bytes[1..], value);
        _out.Write(bytes);
    }

    private void EmitLong(BigInteger value)
    {
        var bytes = value.ToByteArray();
        if (bytes.Length < 256)
        {
            _out.Write([PickleOps.Long1, (byte)bytes.Length]);
        }
        else
        {
            _out.WriteByte(PickleOps.Long4);
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            _out.Write(length);
        }
        _out.Write(bytes);
    }

    private static (string Module, string Name) SplitLines(byte[] arg)
    {
        var text = Encoding.UTF8.GetString(arg);
        var parts = text.Split('\n');
        return (parts[0], parts[1]);
    }

    private static double ParseFloat(byte[] arg)
    {
        var text = Encoding.ASCII.GetString(arg).Trim();
        return text switch
        {
            "inf" or "+inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" or "-nan" or "+nan" => double.NaN,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? d
                : throw new UnpicklingError($"could not convert the protocol 0 FLOAT argument '{text}' to a float"),
        };
    }

    private static BigInteger ParseInteger(byte[] arg)
    {
        var text = Encoding.ASCII.GetString(arg).Trim().TrimEnd('L');
        return BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UnpicklingError($"could not convert the protocol 0 INT/LONG argument '{text}' to an int");
    }
}
