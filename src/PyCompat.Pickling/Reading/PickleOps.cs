namespace PyCompat.Pickling.Reading;

/// <summary>How an opcode's argument is laid out in the stream (pickletools' ArgumentDescriptor, reduced).</summary>
internal enum ArgKind
{
    None,
    Fixed,      // Size bytes
    Line,       // up to and including '\n'
    TwoLines,   // GLOBAL and INST: module\nname\n
    Counted,    // a little-endian length of Size bytes, then that many bytes
}

/// <summary>The pickle opcodes PyCompat's transcoder needs to name, and the layout of every opcode's argument.</summary>
internal static class PickleOps
{
    public const byte Mark = (byte)'(', Stop = (byte)'.', Pop = (byte)'0', Float = (byte)'F', Int = (byte)'I',
        Long = (byte)'L', Reduce = (byte)'R', Build = (byte)'b', Global = (byte)'c', Dict = (byte)'d',
        EmptyDict = (byte)'}', Inst = (byte)'i', Tuple = (byte)'t', EmptyTuple = (byte)')', SetItems = (byte)'u',
        BinFloat = (byte)'G', BinUnicode = (byte)'X', BinBytes = (byte)'B', ShortBinBytes = (byte)'C',
        LongBinGet = (byte)'j', LongBinPut = (byte)'r', Appends = (byte)'e', EmptyList = (byte)']',
        Proto = 0x80, NewObj = 0x81, Ext1 = 0x82, Ext2 = 0x83, Ext4 = 0x84, Tuple1 = 0x85, Tuple2 = 0x86,
        Tuple3 = 0x87, Long1 = 0x8a, Long4 = 0x8b, BinBytes8 = 0x8e, FrozenSet = 0x91, NewObjEx = 0x92,
        StackGlobal = 0x93, Memoize = 0x94, Frame = 0x95, ByteArray8 = 0x96, NextBuffer = 0x97, Dup = (byte)'2', PopMark = (byte)'1',
        Get = (byte)'g', BinGet = (byte)'h', Put = (byte)'p', BinPut = (byte)'q', SetItem = (byte)'s', Append = (byte)'a',
        List = (byte)'l', Obj = (byte)'o', EmptySet = 0x8f, AddItems = 0x90, BinInt = (byte)'J',
        ShortBinUnicode = 0x8c, BinUnicode8 = 0x8d, None = (byte)'N', String = (byte)'S', BinString = (byte)'T',
        ShortBinString = (byte)'U', Unicode = (byte)'V',
        ReadOnlyBuffer = 0x98, PersId = (byte)'P', BinPersId = (byte)'Q', NewTrue = 0x88, NewFalse = 0x89,
        BinInt1 = (byte)'K', BinInt2 = (byte)'M';

    private static readonly string[] Names = BuildNames();

    /// <summary>The opcode's name as pickletools prints it, or <c>0xNN</c> for a byte that is no opcode.</summary>
    public static string Name(byte op) => Names[op];

    private static string[] BuildNames()
    {
        var names = new string[256];
        for (var i = 0; i < names.Length; i++) names[i] = $"0x{i:x2}";
        foreach (var (op, name) in KnownNames()) names[op] = name;
        return names;
    }

    private static Dictionary<byte, string> KnownNames() => new()
    {
        [0x28] = "MARK",
        [0x29] = "EMPTY_TUPLE",
        [0x2e] = "STOP",
        [0x30] = "POP",
        [0x31] = "POP_MARK",
        [0x32] = "DUP",
        [0x42] = "BINBYTES",
        [0x43] = "SHORT_BINBYTES",
        [0x46] = "FLOAT",
        [0x47] = "BINFLOAT",
        [0x49] = "INT",
        [0x4a] = "BININT",
        [0x4b] = "BININT1",
        [0x4c] = "LONG",
        [0x4d] = "BININT2",
        [0x4e] = "NONE",
        [0x50] = "PERSID",
        [0x51] = "BINPERSID",
        [0x52] = "REDUCE",
        [0x53] = "STRING",
        [0x54] = "BINSTRING",
        [0x55] = "SHORT_BINSTRING",
        [0x56] = "UNICODE",
        [0x58] = "BINUNICODE",
        [0x5d] = "EMPTY_LIST",
        [0x61] = "APPEND",
        [0x62] = "BUILD",
        [0x63] = "GLOBAL",
        [0x64] = "DICT",
        [0x65] = "APPENDS",
        [0x67] = "GET",
        [0x68] = "BINGET",
        [0x69] = "INST",
        [0x6a] = "LONG_BINGET",
        [0x6c] = "LIST",
        [0x6f] = "OBJ",
        [0x70] = "PUT",
        [0x71] = "BINPUT",
        [0x72] = "LONG_BINPUT",
        [0x73] = "SETITEM",
        [0x74] = "TUPLE",
        [0x75] = "SETITEMS",
        [0x7d] = "EMPTY_DICT",
        [0x80] = "PROTO",
        [0x81] = "NEWOBJ",
        [0x82] = "EXT1",
        [0x83] = "EXT2",
        [0x84] = "EXT4",
        [0x85] = "TUPLE1",
        [0x86] = "TUPLE2",
        [0x87] = "TUPLE3",
        [0x88] = "NEWTRUE",
        [0x89] = "NEWFALSE",
        [0x8a] = "LONG1",
        [0x8b] = "LONG4",
        [0x8c] = "SHORT_BINUNICODE",
        [0x8d] = "BINUNICODE8",
        [0x8e] = "BINBYTES8",
        [0x8f] = "EMPTY_SET",
        [0x90] = "ADDITEMS",
        [0x91] = "FROZENSET",
        [0x92] = "NEWOBJ_EX",
        [0x93] = "STACK_GLOBAL",
        [0x94] = "MEMOIZE",
        [0x95] = "FRAME",
        [0x96] = "BYTEARRAY8",
        [0x97] = "NEXT_BUFFER",
        [0x98] = "READONLY_BUFFER"
    };

    /// <summary>The argument layout of <paramref name="op"/>, or false for a byte that is no opcode.</summary>
    public static bool TryGetArg(byte op, out ArgKind kind, out int size)
    {
        size = 0;
        kind = ArgKind.None;
        switch (op)
        {
            case (byte)'(' or (byte)'.' or (byte)'0' or (byte)'1' or (byte)'2' or (byte)'N' or (byte)'Q'
                or (byte)'R' or (byte)'a' or (byte)'b' or (byte)'d' or (byte)'}' or (byte)'e' or (byte)'l'
                or (byte)']' or (byte)'o' or (byte)'s' or (byte)'t' or (byte)')' or (byte)'u'
                or 0x81 or 0x85 or 0x86 or 0x87 or 0x88 or 0x89 or 0x8f or 0x90 or 0x91 or 0x92 or 0x93 or 0x94
                or 0x97 or 0x98:
                return true;
            case (byte)'F' or (byte)'I' or (byte)'L' or (byte)'P' or (byte)'S' or (byte)'V' or (byte)'g' or (byte)'p':
                kind = ArgKind.Line; return true;
            case (byte)'c' or (byte)'i':
                kind = ArgKind.TwoLines; return true;
            case (byte)'K' or (byte)'h' or (byte)'q' or 0x80 or 0x82:
                kind = ArgKind.Fixed; size = 1; return true;
            case (byte)'M' or 0x83:
                kind = ArgKind.Fixed; size = 2; return true;
            case (byte)'J' or (byte)'j' or (byte)'r' or 0x84:
                kind = ArgKind.Fixed; size = 4; return true;
            case (byte)'G' or 0x95:
                kind = ArgKind.Fixed; size = 8; return true;
            case (byte)'U' or (byte)'C' or 0x8a or 0x8c:
                kind = ArgKind.Counted; size = 1; return true;
            case (byte)'T' or (byte)'X' or (byte)'B' or 0x8b:
                kind = ArgKind.Counted; size = 4; return true;
            case 0x8d or 0x8e or 0x96:
                kind = ArgKind.Counted; size = 8; return true;
            default:
                return false;
        }
    }
}
