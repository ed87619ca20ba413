using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text.Unicode;

namespace PyCompat.Pickling.Reading;

/// <summary>What the pre-pass learned about one pickle, for the rewriting pass and the value raiser.</summary>
internal sealed class ScanResult
{
    /// <summary>Offset of the STOP opcode: the pickle is <c>data[..(StopOffset + 1)]</c>.</summary>
    public int StopOffset { get; set; }

    /// <summary>True when some value may be reachable twice (memo GET or DUP): the raiser must map by identity.</summary>
    public bool Shared { get; set; }

    /// <summary>The deepest nesting of containers the pickle builds (at most <see cref="PickleLoadOptions.MaxDepth"/>).</summary>
    public int MaxHeight { get; set; }

    /// <summary>Offsets of the opcodes the rewriting pass must look at; everything between them is copied as is.</summary>
    public PooledInts Rewrites { get; } = new();

    /// <summary>Memo indices some GET reads (only when <see cref="Shared"/>): the other PUTs are dropped.</summary>
    public MemoSet? Fetched { get; set; }

    /// <summary>The final length of each long EMPTY_LIST and EMPTY_DICT, by offset: they are made at that length.</summary>
    public Dictionary<int, int>? CountedLengths { get; set; }

    /// <summary>The memo index of the k-th MEMOIZE when it is not k (PUT and MEMOIZE mixed in one pickle).</summary>
    public Dictionary<int, int>? MemoizeIndex { get; set; }

    /// <summary>Bytes of the pickle that go to Razorvine out of band (large BINBYTES and BINUNICODE), not through the rewritten pickle.</summary>
    public long OutOfBand { get; set; }

    /// <summary>Gives the pooled arrays back; the result is not used after this.</summary>
    public void Release() => Rewrites.Release();
}

/// <summary>A set of memo indices: dense below a bound proportional to the input, sparse above it.</summary>
internal sealed class MemoSet(int denseLimit)
{
    private bool[] _dense = [];
    private HashSet<int>? _sparse;

    public void Add(int index)
    {
        if ((uint)index < (uint)denseLimit)
        {
            if (index >= _dense.Length)
            {
                // Not Array.Resize<bool>: generic code no ReadyToRun image holds, compiled in every worker child.
                var bigger = new bool[Math.Min(denseLimit, Math.Max(index + 1, _dense.Length * 2 + 16))];
                _dense.CopyTo(bigger, 0);
                _dense = bigger;
            }
            _dense[index] = true;
        }
        else
        {
            (_sparse ??= []).Add(index);
        }
    }

    public bool Contains(int index) =>
        (uint)index < (uint)_dense.Length ? _dense[index] : (uint)index >= (uint)denseLimit && _sparse is not null && _sparse.Contains(index);
}

/// <summary>
/// PyCompat's pre-pass over exactly one pickle (up to STOP), before anything is allocated for it: every length
/// prefix is checked against the bytes that are there and against <see cref="PickleLoadOptions.MaxInputLength"/>,
/// and an abstract run of the pickle machine (stack heights, marks, memo, container lengths; no values) enforces
/// <see cref="PickleLoadOptions.MaxDepth"/> and <see cref="PickleLoadOptions.MaxContainerLength"/> and refuses
/// malformed stack use, each failure with the offending opcode's offset. Its findings let the rewriting pass drop
/// memo writes nothing reads, and let the raiser skip identity tracking when no value is shared.
/// </summary>
internal ref struct PickleScanner
{
    private const int ScalarHeight = 0;
    private const int NoNode = -1;
    /// <summary>BINBYTES / BINBYTES8 / BYTEARRAY8 and BINUNICODE at least this long go to Razorvine out of band.</summary>
    public const int LargeBytes = 64 * 1024;
    /// <summary>Lists and dicts of at least this many items are made at their final length (see <see cref="ListBuilder"/>).</summary>
    public const int CountedList = 16;
    /// <summary>CPython's default limit on digits for int(str) (sys.int_info.default_max_str_digits).</summary>
    private const int MaxIntDigits = 4300;

    private readonly ReadOnlySpan<byte> _data;
    private readonly PickleLoadOptions _options;
    private readonly ScanResult _result;

    // The abstract stack: per entry, its height (scalars 0, containers 1 + their deepest item) or the node of a
    // mutable container (list, dict, set, object), whose height and length change as items are added.
    private int[] _heights;
    private int[] _nodes;
    private int _sp;
    private int[] _marks; // stack positions of the open MARKs
    private int _markCount;
    private int _base; // entries below the innermost MARK cannot be popped
    private int[] _nodeHeights;
    private int[] _nodeLengths;
    private int _nodeCount;
    // Every EMPTY_LIST and EMPTY_DICT, for their final lengths: its offset, then its node (a list) or ~node (a dict).
    // Plain ints, as the memo below: a .NET collection of value tuples is generic code no ReadyToRun image holds, so
    // every worker child compiled ~30 such methods before its first pickle was read (docs/performance.md, "Later on
    // 2026-12-03").
    private PooledInts? _empties;

    // The memo: dense arrays below the input length (CPython numbers its memo 0, 1, 2 ...), a dictionary above. An
    // entry's height is kept plus one, so that 0 is a slot not written.
    private int[] _memoHeights;
    private int[] _memoNodes;
    private Dictionary<int, (int Height, int Node)>? _sparseMemo;
    private int _memoCount;
    private int _memoizeOps;

    private int _offset;
    private byte _op;

    // Every value an opcode puts on the stack (a scalar, a new container, a DUP or memo GET of one already made).
    private long _pushes;
    private readonly long _pushLimit;

    private PickleScanner(ReadOnlySpan<byte> data, PickleLoadOptions options)
    {
        _data = data;
        _options = options;
        _result = new ScanResult();
        _heights = [];
        _nodes = [];
        Pooled.Grow(ref _heights, 16, 0);
        Pooled.Grow(ref _nodes, 16, 0);
        _marks = [];
        Pooled.Grow(ref _marks, 8, 0);
        _nodeHeights = [];
        _nodeLengths = [];
        Pooled.Grow(ref _nodeHeights, 8, 0);
        Pooled.Grow(ref _nodeLengths, 8, 0);
        _memoHeights = [];
        _memoNodes = [];
        _pushLimit = PickleLoadOptions.ExpansionAllowance + (long)Math.Min(long.MaxValue / 2, options.MaxExpansion * data.Length);
    }

    /// <summary>Scans <paramref name="data"/> (which may hold more after STOP).</summary>
    public static ScanResult Scan(ReadOnlySpan<byte> data, PickleLoadOptions options)
    {
        var scanner = new PickleScanner(data, options);
        try
        {
            scanner.Run();
        }
        catch
        {
            scanner._result.Release();
            throw;
        }
        finally
        {
            scanner.ReturnArrays();
        }
        return scanner._result;
    }

    private void ReturnArrays()
    {
        Pooled.Return(ref _heights);
        Pooled.Return(ref _nodes);
        Pooled.Return(ref _marks);
        Pooled.Return(ref _nodeHeights);
        Pooled.Return(ref _nodeLengths);
        Pooled.Return(ref _memoHeights);
        Pooled.Return(ref _memoNodes);
        _empties?.Release();
    }

    private UnpicklingError Fail(string message) => new(message, _offset, PickleOps.Name(_op));

    private void Run()
    {
        var pos = 0;
        var data = _data;
        // Opcodes before this offset may take the fast path; MaxInputLength is checked by the general path.
        var fastEnd = (int)Math.Min(data.Length, _options.MaxInputLength);
        while (true)
        {
            if (pos < fastEnd && TryStepFast(data, ref pos)) continue;
            if (pos >= data.Length)
            {
                _offset = pos;
                _op = PickleOps.Stop;
                throw new UnpicklingError("pickle data was truncated (no STOP opcode before the end of the data)", pos, "end of data");
            }
            if (pos >= _options.MaxInputLength)
                throw new UnpicklingError($"the pickle is longer than MaxInputLength ({_options.MaxInputLength} bytes)", pos, PickleOps.Name(data[pos]));
            _offset = pos;
            var op = _op = data[pos];
            if (!PickleOps.TryGetArg(op, out var kind, out var size))
                throw Fail($"invalid pickle opcode 0x{op:x2} (the data is not a pickle, or is corrupt)");
            var argStart = pos + 1;
            var argEnd = ArgEnd(argStart, kind, size, out var counted);
            var arg = data[argStart..argEnd];
            pos = argEnd;
            if (op == PickleOps.Stop)
            {
                if (_sp <= _base) throw Fail("STOP with nothing on the stack (unpickling stack underflow)");
                _result.StopOffset = _offset;
                CountLists();
                return;
            }
            Step(op, arg, counted);
        }
    }

    /// <summary>
    /// The opcodes that make up almost all of a large pickle (ints, floats, short strings, small tuples, memo writes,
    /// MARK), checked and applied without the general path's argument decoding. It takes an opcode only when it can
    /// tell the opcode cannot fail; otherwise it returns false with nothing changed, and the general path (with its
    /// error messages) handles it. Same checks, same findings: it only skips work.
    /// </summary>
    private bool TryStepFast(ReadOnlySpan<byte> data, ref int pos)
    {
        var at = pos;
        var remaining = data.Length - at;
        switch (data[at])
        {
            case PickleOps.None or PickleOps.NewTrue or PickleOps.NewFalse:
                if (!TryPushScalar()) return false;
                pos = at + 1;
                return true;
            case (byte)'K':
                if (remaining < 2 || !TryPushScalar()) return false;
                pos = at + 2;
                return true;
            case (byte)'M':
                if (remaining < 3 || !TryPushScalar()) return false;
                pos = at + 3;
                return true;
            case PickleOps.BinInt:
                if (remaining < 5 || !TryPushScalar()) return false;
                pos = at + 5;
                return true;
            case PickleOps.BinFloat:
                if (remaining < 9 || !TryPushScalar()) return false;
                pos = at + 9;
                return true;
            case PickleOps.ShortBinUnicode or PickleOps.ShortBinBytes:
            {
                if (remaining < 2) return false;
                var length = data[at + 1];
                if (length > remaining - 2 || length > _options.MaxInputLength || !TryPushScalar()) return false;
                if (data[at] == PickleOps.ShortBinUnicode && !Utf8.IsValid(data.Slice(at + 2, length))) _result.Rewrites.Add(at);
                pos = at + 2 + length;
                return true;
            }
            case PickleOps.BinUnicode:
            {
                if (remaining < 5) return false;
                var length = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(at + 1, 4));
                if (length > (uint)(remaining - 5) || length > _options.MaxInputLength || !TryPushScalar()) return false;
                if (length >= LargeBytes)
                {
                    _result.Rewrites.Add(at);
                    _result.OutOfBand += length;
                }
                else if (!Utf8.IsValid(data.Slice(at + 5, (int)length)))
                {
                    _result.Rewrites.Add(at);
                }
                pos = at + 5 + (int)length;
                return true;
            }
            case PickleOps.Tuple1 or PickleOps.Tuple2 or PickleOps.Tuple3:
            {
                var n = data[at] - PickleOps.Tuple1 + 1;
                if (_sp - _base < n) return false;
                var deepest = 0;
                for (var i = _sp - n; i < _sp; i++) deepest = Math.Max(deepest, HeightAt(i));
                var height = deepest + 1;
                // Popping n >= 1 entries leaves room for the push; the push still counts against the limit.
                if (height > _options.MaxDepth || _pushes >= _pushLimit) return false;
                if (height > _result.MaxHeight) _result.MaxHeight = height;
                _sp -= n;
                _pushes++;
                _heights[_sp] = height;
                _nodes[_sp++] = NoNode;
                pos = at + 1;
                return true;
            }
            case PickleOps.Memoize:
                if (_sp <= _base) return false;
                _offset = at;
                _op = PickleOps.Memoize;
                if (_memoCount != _memoizeOps) (_result.MemoizeIndex ??= [])[_memoizeOps] = _memoCount;
                _memoizeOps++;
                MemoStore(_memoCount);
                pos = at + 1;
                return true;
            case PickleOps.BinPut:
                if (remaining < 2 || _sp <= _base) return false;
                _offset = at;
                _op = PickleOps.BinPut;
                MemoStore(data[at + 1]);
                pos = at + 2;
                return true;
            case PickleOps.LongBinPut:
                if (remaining < 5 || _sp <= _base) return false;
                _offset = at;
                _op = PickleOps.LongBinPut;
                MemoStore(BinaryPrimitives.ReadInt32LittleEndian(data.Slice(at + 1, 4)));
                pos = at + 5;
                return true;
            case PickleOps.Mark:
                if (_markCount == _marks.Length) Pooled.Grow(ref _marks, _marks.Length * 2, _markCount);
                _marks[_markCount++] = _base;
                _base = _sp;
                pos = at + 1;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Pushes a scalar when that cannot fail and needs no growing; false (nothing pushed) otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryPushScalar()
    {
        var sp = _sp;
        if (_pushes >= _pushLimit || sp >= _heights.Length) return false;
        _pushes++;
        _heights[sp] = ScalarHeight;
        _nodes[sp] = NoNode;
        _sp = sp + 1;
        return true;
    }

    /// <summary>Where the argument of the opcode ends; every length is checked before it is believed.</summary>
    private int ArgEnd(int start, ArgKind kind, int size, out long counted)
    {
        counted = 0;
        var remaining = _data.Length - start;
        switch (kind)
        {
            case ArgKind.None:
                return start;
            case ArgKind.Fixed:
                if (size > remaining) throw Truncated();
                return start + size;
            case ArgKind.Line:
            {
                var nl = _data[start..].IndexOf((byte)'\n');
                if (nl < 0) throw Truncated();
                return start + nl + 1;
            }
            case ArgKind.TwoLines:
            {
                var first = _data[start..].IndexOf((byte)'\n');
                if (first < 0) throw Truncated();
                var second = _data[(start + first + 1)..].IndexOf((byte)'\n');
                if (second < 0) throw Truncated();
                return start + first + 1 + second + 1;
            }
            default:
                if (size > remaining) throw Truncated();
                var prefix = _data.Slice(start, size);
                long length = size switch
                {
                    1 => prefix[0],
                    4 when _op is PickleOps.Long4 or PickleOps.BinString => BinaryPrimitives.ReadInt32LittleEndian(prefix),
                    4 => BinaryPrimitives.ReadUInt32LittleEndian(prefix),
                    _ => (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(prefix), (ulong)long.MaxValue),
                };
                if (length < 0) throw Fail($"negative byte count {length}");
                if (length > _options.MaxInputLength)
                    throw Fail($"a length prefix of {length} bytes is larger than MaxInputLength ({_options.MaxInputLength} bytes)");
                if (length > remaining - size)
                    throw Fail($"a length prefix claims {length} bytes but only {remaining - size} follow (pickle data was truncated or corrupt)");
                counted = length;
                return start + size + (int)length;
        }
    }

    private UnpicklingError Truncated() => Fail("pickle data was truncated inside the opcode's argument");

    private void Step(byte op, ReadOnlySpan<byte> arg, long counted)
    {
        switch (op)
        {
            // Scalars.
            case (byte)'N' or PickleOps.NewTrue or PickleOps.NewFalse or PickleOps.BinInt or (byte)'K' or (byte)'M'
                or PickleOps.Long1 or PickleOps.Long4 or PickleOps.BinFloat or PickleOps.String or PickleOps.BinString
                or PickleOps.ShortBinString or PickleOps.ShortBinBytes:
                Push(ScalarHeight);
                return;
            // str: the transcoder decodes what Razorvine would decode lossily (see PickleTranscoder); UNICODE always.
            case PickleOps.BinUnicode or PickleOps.ShortBinUnicode or PickleOps.BinUnicode8:
                // A large BINUNICODE leaves the stream (PickleTranscoder.EncodedBytes.cs).
                if (op == PickleOps.BinUnicode && counted >= LargeBytes)
                {
                    _result.Rewrites.Add(_offset);
                    _result.OutOfBand += counted;
                }
                else if (!Utf8.IsValid(arg[(arg.Length - (int)counted)..]))
                {
                    _result.Rewrites.Add(_offset);
                }
                Push(ScalarHeight);
                return;
            case PickleOps.BinBytes or PickleOps.BinBytes8:
                if (counted >= LargeBytes)
                {
                    _result.Rewrites.Add(_offset);
                    _result.OutOfBand += counted;
                }
                Push(ScalarHeight);
                return;
            case PickleOps.ByteArray8 or PickleOps.Unicode:
                _result.Rewrites.Add(_offset);
                Push(ScalarHeight);
                return;
            case PickleOps.Int or PickleOps.Long:
                if (arg.Length > MaxIntDigits + 3)
                    throw Fail($"a protocol 0 integer of {arg.Length - 1} characters exceeds CPython's limit of {MaxIntDigits} digits");
                _result.Rewrites.Add(_offset);
                Push(ScalarHeight);
                return;
            case PickleOps.Float:
                _result.Rewrites.Add(_offset);
                Push(ScalarHeight);
                return;
            case PickleOps.Global:
                _result.Rewrites.Add(_offset);
                Push(ScalarHeight);
                return;
            case PickleOps.StackGlobal:
                Pop();
                Pop();
                _result.Rewrites.Add(_offset);
                Push(ScalarHeight);
                return;
            case PickleOps.Proto:
                if (arg[0] > 5) throw Fail($"unsupported pickle protocol: {arg[0]}");
                _result.Rewrites.Add(_offset); // the transcoder follows the protocol (Python 2 names below 3)
                return;
            case PickleOps.Frame:
            {
                // CPython reads the whole frame before decoding it: a frame longer than the data is truncated.
                var frame = BinaryPrimitives.ReadUInt64LittleEndian(arg);
                var remaining = _data.Length - (_offset + 9);
                if (frame > (ulong)remaining)
                    throw Fail($"pickle data was truncated: a FRAME of {frame} bytes but only {remaining} follow");
                _result.Rewrites.Add(_offset);
                return;
            }

            // The stack and the memo.
            case PickleOps.Mark:
                if (_markCount == _marks.Length) Pooled.Grow(ref _marks, _marks.Length * 2, _markCount);
                _marks[_markCount++] = _base;
                _base = _sp;
                return;
            case PickleOps.Pop:
                if (_sp > _base) _sp--;
                else if (_markCount > 0) _base = _marks[--_markCount];
                else throw Fail("POP on an empty stack (unpickling stack underflow)");
                return;
            case PickleOps.PopMark:
                PopToMark();
                return;
            case PickleOps.Dup:
                if (_sp <= _base) throw Fail("DUP on an empty stack (unpickling stack underflow)");
                _result.Shared = true;
                Push(_heights[_sp - 1], _nodes[_sp - 1]);
                return;
            case PickleOps.Put:
                MemoStore(ParseIndex(arg));
                return;
            case PickleOps.BinPut:
                MemoStore(arg[0]);
                return;
            case PickleOps.LongBinPut:
                MemoStore(BinaryPrimitives.ReadInt32LittleEndian(arg));
                return;
            case PickleOps.Memoize:
                if (_memoCount != _memoizeOps) (_result.MemoizeIndex ??= [])[_memoizeOps] = _memoCount;
                _memoizeOps++;
                MemoStore(_memoCount);
                return;
            case PickleOps.Get:
                MemoFetch(ParseIndex(arg));
                return;
            case PickleOps.BinGet:
                MemoFetch(arg[0]);
                return;
            case PickleOps.LongBinGet:
                MemoFetch(BinaryPrimitives.ReadInt32LittleEndian(arg));
                return;

            // Tuples and frozensets: immutable, their height is known when they are made.
            case PickleOps.EmptyTuple:
                Push(1);
                return;
            case PickleOps.Tuple1 or PickleOps.Tuple2 or PickleOps.Tuple3:
            {
                var n = op - PickleOps.Tuple1 + 1;
                var deepest = 0;
                for (var i = 0; i < n; i++) deepest = Math.Max(deepest, Pop());
                Push(Deeper(deepest));
                return;
            }
            case PickleOps.Tuple:
            {
                var (count, deepest) = PopToMark();
                CheckLength(count);
                Push(Deeper(deepest));
                return;
            }
            case PickleOps.FrozenSet:
            {
                var (count, deepest) = PopToMark();
                CheckLength(count);
                _result.Rewrites.Add(_offset);
                Push(Deeper(deepest));
                return;
            }

            // Lists, dicts, sets: mutable nodes.
            case PickleOps.EmptyList:
                AddEmpty(_nodeCount);
                PushNode(1, 0);
                return;
            case PickleOps.EmptySet:
                _result.Rewrites.Add(_offset);
                PushNode(1, 0);
                return;
            case PickleOps.EmptyDict:
                AddEmpty(~_nodeCount);
                _result.Rewrites.Add(_offset);
                PushNode(1, 0);
                return;
            case PickleOps.List:
            {
                var (count, deepest) = PopToMark();
                CheckLength(count);
                PushNode(Deeper(deepest), count);
                return;
            }
            case PickleOps.Dict:
            {
                var (count, deepest) = PopToMark();
                if (count % 2 != 0) throw Fail("odd number of items for DICT");
                CheckLength(count / 2);
                _result.Rewrites.Add(_offset);
                PushNode(Deeper(deepest), count / 2);
                return;
            }
            case PickleOps.Append:
                AddTo(Pop(), 1);
                return;
            case PickleOps.SetItem:
                AddTo(Math.Max(Pop(), Pop()), 1);
                return;
            case PickleOps.Appends or PickleOps.AddItems:
            {
                var (count, deepest) = PopToMark();
                AddTo(deepest, count);
                return;
            }
            case PickleOps.SetItems:
            {
                var (count, deepest) = PopToMark();
                if (count % 2 != 0) throw Fail("odd number of items for SETITEMS");
                _result.Rewrites.Add(_offset);
                AddTo(deepest, count / 2);
                return;
            }
            case PickleOps.Build:
                AddTo(Pop(), 0);
                _result.Rewrites.Add(_offset); // a call of PyCompat's (PickleTranscoder)
                return;

            // Instances: a node holding its arguments (a tuple) and, after BUILD, its state.
            case PickleOps.Reduce:
            case PickleOps.NewObj:
            {
                var args = Pop();
                Pop();
                if (op == PickleOps.NewObj) _result.Rewrites.Add(_offset);
                PushNode(Deeper(args), 0);
                return;
            }
            case PickleOps.NewObjEx:
            {
                var kwargs = Pop();
                var args = Pop();
                Pop();
                _result.Rewrites.Add(_offset);
                PushNode(Deeper(Math.Max(args, kwargs)), 0);
                return;
            }
            case PickleOps.Inst:
            {
                var (count, deepest) = PopToMark();
                CheckLength(count);
                _result.Rewrites.Add(_offset);
                PushNode(Deeper(Deeper(deepest)), 0);
                return;
            }
            case PickleOps.Obj:
            {
                var (count, deepest) = PopToMark();
                if (count == 0) throw Fail("OBJ with no class after the MARK");
                PushNode(Deeper(Deeper(deepest)), 0);
                return;
            }

            case PickleOps.NextBuffer or PickleOps.ReadOnlyBuffer:
                throw Fail("the pickle refers to out-of-band buffers (protocol 5 with buffer_callback); PyCompat reads "
                    + "in-band pickles only: pickle without buffer_callback");
            case PickleOps.Ext1 or PickleOps.Ext2 or PickleOps.Ext4:
                throw Fail("the pickle uses copyreg extension codes (EXT1/EXT2/EXT4), which name classes through a "
                    + "registry only the writing process knows; pickle without copyreg.add_extension");
            case PickleOps.PersId or PickleOps.BinPersId:
                throw Fail("the pickle holds persistent ids (a Pickler with persistent_id), which only the writing "
                    + "program can resolve; pickle without persistent_id");
            default:
                throw Fail($"opcode 0x{op:x2} is not handled by PyCompat");
        }
    }

    /// <summary>Records the lengths of the long EMPTY_LISTs and EMPTY_DICTs, and lists the lists for rewriting (dicts
    /// are rewritten anyway), keeping the rewrites in offset order.</summary>
    private void CountLists()
    {
        if (_empties is null) return;
        List<int>? offsets = null;
        var empties = _empties.AsSpan();
        for (var i = 0; i < empties.Length; i += 2)
        {
            var offset = empties[i];
            var list = empties[i + 1] >= 0;
            var node = list ? empties[i + 1] : ~empties[i + 1];
            if (_nodeLengths[node] < CountedList) continue;
            (_result.CountedLengths ??= [])[offset] = _nodeLengths[node];
            if (list) (offsets ??= []).Add(offset);
        }
        if (offsets is null) return;
        var rewrites = _result.Rewrites;
        var merged = new PooledInts();
        var j = 0;
        foreach (var at in rewrites.AsSpan())
        {
            while (j < offsets.Count && offsets[j] < at) merged.Add(offsets[j++]);
            merged.Add(at);
        }
        while (j < offsets.Count) merged.Add(offsets[j++]);
        rewrites.Set(merged.AsSpan());
        merged.Release();
    }

    /// <summary>Notes an EMPTY_LIST (<paramref name="node"/>) or EMPTY_DICT (<c>~node</c>) at this offset.</summary>
    private void AddEmpty(int node)
    {
        _empties ??= new PooledInts();
        _empties.Add(_offset);
        _empties.Add(node);
    }

    private int Deeper(int height)
    {
        var deeper = height + 1;
        if (deeper > _options.MaxDepth)
            throw Fail($"the value nests deeper than MaxDepth ({_options.MaxDepth} containers)");
        if (deeper > _result.MaxHeight) _result.MaxHeight = deeper;
        return deeper;
    }

    private void CheckLength(long count)
    {
        if (count > _options.MaxContainerLength)
            throw Fail($"a container of {count} items is longer than MaxContainerLength ({_options.MaxContainerLength})");
    }

    private void Push(int height, int node = NoNode)
    {
        if (++_pushes > _pushLimit)
            throw Fail($"the pickle makes more than {_pushLimit} values from {_data.Length} bytes, beyond MaxExpansion "
                + $"({_options.MaxExpansion} values per input byte, plus {PickleLoadOptions.ExpansionAllowance}); "
                + "raise PickleLoadOptions.MaxExpansion for a pickle you expect to hold that many");
        if (_sp == _heights.Length)
        {
            Pooled.Grow(ref _heights, _sp * 2, _sp);
            Pooled.Grow(ref _nodes, _sp * 2, _sp);
        }
        _heights[_sp] = height;
        _nodes[_sp++] = node;
    }

    private void PushNode(int height, int length)
    {
        if (_nodeCount == _nodeHeights.Length)
        {
            Pooled.Grow(ref _nodeHeights, _nodeCount * 2, _nodeCount);
            Pooled.Grow(ref _nodeLengths, _nodeCount * 2, _nodeCount);
        }
        _nodeHeights[_nodeCount] = height;
        _nodeLengths[_nodeCount] = length;
        Push(0, _nodeCount++);
    }

    /// <summary>Pops the top entry and returns its current height.</summary>
    private int Pop()
    {
        if (_sp <= _base) throw Fail("unpickling stack underflow (the opcode needs more values than the stack holds)");
        _sp--;
        return HeightAt(_sp);
    }

    private readonly int HeightAt(int i) => _nodes[i] >= 0 ? _nodeHeights[_nodes[i]] : _heights[i];

    /// <summary>Pops everything down to the innermost MARK, and the MARK.</summary>
    private (int Count, int Deepest) PopToMark()
    {
        if (_markCount == 0) throw Fail("the opcode needs a MARK and there is none on the stack");
        var deepest = 0;
        for (var i = _base; i < _sp; i++) deepest = Math.Max(deepest, HeightAt(i));
        var count = _sp - _base;
        _sp = _base;
        _base = _marks[--_markCount];
        return (count, deepest);
    }

    /// <summary>Adds <paramref name="count"/> items as deep as <paramref name="deepest"/> to the container on top.</summary>
    private void AddTo(int deepest, int count)
    {
        if (_sp <= _base) throw Fail("the opcode adds to a container but the stack is empty (unpickling stack underflow)");
        var node = _nodes[_sp - 1];
        if (node < 0)
        {
            // Not a list, dict, set or object: Razorvine will refuse it and the replay names this opcode.
            _heights[_sp - 1] = Math.Max(_heights[_sp - 1], deepest + 1);
            return;
        }
        var length = (long)_nodeLengths[node] + count;
        CheckLength(length);
        _nodeLengths[node] = (int)length;
        if (deepest + 1 > _nodeHeights[node]) _nodeHeights[node] = Deeper(deepest);
    }

    private int ParseIndex(ReadOnlySpan<byte> line)
    {
        var text = line[..^1];
        if (text.Length == 0 || text.Length > 10) throw Fail("a memo index that is not a number");
        long value = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9') throw Fail("a memo index that is not a number");
            value = value * 10 + (b - '0');
        }
        return value > int.MaxValue ? throw Fail("a memo index beyond 2^31-1") : (int)value;
    }

    private void MemoStore(int index)
    {
        if (_sp <= _base) throw Fail("a memo write with nothing on the stack (unpickling stack underflow)");
        _result.Rewrites.Add(_offset);
        var (height, node) = (_heights[_sp - 1], _nodes[_sp - 1]);
        // Memo indices are unsigned 32-bit numbers, as in CPython: LONG_BINPUT 0xFFFFFFFF is a large index (kept as
        // the int -1, the same bits Razorvine reads), so only indices below the input length use the dense arrays.
        if ((uint)index < (uint)_data.Length)
        {
            if (index >= _memoHeights.Length || index >= _memoNodes.Length)
            {
                // Pooled arrays come dirty: a slot counts as written only when its height (plus one) is not 0.
                var size = Math.Min(_data.Length, Math.Max(index + 1, _memoHeights.Length * 2 + 16));
                var keep = Math.Min(_memoHeights.Length, _memoNodes.Length);
                Pooled.Grow(ref _memoHeights, size, keep, clear: true);
                Pooled.Grow(ref _memoNodes, size, keep);
            }
            if (_memoHeights[index] == 0) _memoCount++;
            _memoHeights[index] = height + 1;
            _memoNodes[index] = node;
        }
        else
        {
            _sparseMemo ??= [];
            if (!_sparseMemo.ContainsKey(index)) _memoCount++;
            _sparseMemo[index] = (height, node);
        }
    }

    private void MemoFetch(int index)
    {
        (int Height, int Node) entry;
        if ((uint)index < (uint)_memoHeights.Length && _memoHeights[index] != 0) entry = (_memoHeights[index] - 1, _memoNodes[index]);
        else if (_sparseMemo is not null && _sparseMemo.TryGetValue(index, out var sparse)) entry = sparse;
        else throw Fail($"Memo value not found at index {(uint)index} (a GET before its PUT)");
        _result.Shared = true;
        (_result.Fetched ??= new MemoSet(_data.Length)).Add(index);
        Push(entry.Height, entry.Node);
    }
}
