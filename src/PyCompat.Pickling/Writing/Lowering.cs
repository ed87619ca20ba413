using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;
using PyCompat.Pickling.Text;

namespace PyCompat.Pickling.Writing;

/// <summary>
/// Maps a .NET value onto what Razorvine writes correctly by itself (null, bool, int, long, double, string,
/// object[] as tuple, IList as list, IDictionary as dict) plus PyCompat's <see cref="Node"/>s for the rest.
/// Each reference is lowered once, so shared values stay shared and lists and dicts may contain themselves.
/// </summary>
internal sealed class Lowering(int maxDepth, bool copyLists = false, IPyReducer? reducer = null)
{
    /// <summary>
    /// Lowers <paramref name="value"/>; lists are reused where nothing in them changes. Fails with a
    /// <see cref="PicklingError"/> past <paramref name="maxDepth"/> nested containers, and with
    /// <see cref="DeepStack.Exhausted"/> when the calling thread's stack runs short first. <paramref name="reducer"/> is
    /// asked about every value outside the value table.
    /// </summary>
    public static (object? Lowered, bool Shared, int Depth, long SizeHint) Run(object? value, int maxDepth, IPyReducer? reducer = null)
    {
        var fast = new Lowering(maxDepth, reducer: reducer);
        try
        {
            return (fast.Lower(value), fast.Shared, fast.Deepest, fast.SizeHint);
        }
        catch (CopyNeeded)
        {
            var safe = new Lowering(maxDepth, copyLists: true, reducer);
            return (safe.Lower(value), safe.Shared, safe.Deepest, safe.SizeHint);
        }
    }

    /// <summary>
    /// About as many bytes as the pickle takes, rather more than fewer: each value counts its longest opcode with a
    /// memo write (a str three UTF-8 bytes a char, bytes their length). The writer starts with a buffer this large,
    /// so a large pickle is not grown through a series of discarded arrays; when it is short Razorvine grows it.
    /// </summary>
    public long SizeHint { get; private set; } = 16;

    private int _depth;

    /// <summary>The deepest nesting of containers met, counted as <see cref="PickleLoadOptions.MaxDepth"/> counts it.</summary>
    public int Deepest { get; private set; }

    /// <summary>A reused list turned out to need a copy after something had already pointed at it.</summary>
    private sealed class CopyNeeded : Exception;

    private readonly Dictionary<object, object?> _lowered = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _inProgress = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// True once a list, dict, set, instance, bytes or non-scalar tuple was reached twice (shared, or a cycle):
    /// only then does Razorvine need its memo, which otherwise hashes every object it writes.
    /// </summary>
    public bool Shared { get; private set; }

    public object? Lower(object? value)
    {
        SizeHint += value is string text ? 10 + 3L * text.Length : 12;
        return LowerValue(value);
    }

    private object? LowerValue(object? value) => value switch
    {
        string s => SurrogatePass.HasLoneSurrogate(s) ? new StringNode(s) : s,
        null or bool or int or long or double => value,
        byte or sbyte or short or ushort => Convert.ToInt32(value),
        uint u => (long)u,
        ulong u => u <= long.MaxValue ? (long)u : new IntNode(u),
        BigInteger b => new IntNode(b),
        Int128 i => new IntNode((BigInteger)i),
        UInt128 i => new IntNode((BigInteger)i),
        float f => (double)f,
        Half h => (double)h,
        char c => Lower(c.ToString()),
        decimal m => new DecimalNode(DecimalText.ToPython(m)),
        Complex c => new ComplexNode(c),
        DateOnly or TimeOnly or DateTime or DateTimeOffset or TimeSpan => new TemporalNode(value),
        // Read only: no copy, no tracking. A long one without strings is written by a node, the rest by Razorvine.
        PyTuple tuple when IsScalarTuple(tuple, out var withText) =>
            withText || tuple.Items.Length < ScalarTupleNode.MinLength ? tuple.Items : new ScalarTupleNode(tuple.Items),
        _ => _lowered.TryGetValue(value, out var done) ? Seen(done) : LowerReference(value),
    };

    private object? Seen(object? done)
    {
        Shared = true;
        return done;
    }

    /// <summary>A tuple of None, bool, int, float and str only: it cannot contain a cycle, and writing it twice when
    /// it is shared gives the same value, so it needs no identity tracking. <paramref name="withText"/>: it holds a str.</summary>
    private bool IsScalarTuple(PyTuple tuple, out bool withText)
    {
        long size = 0;
        withText = false;
        foreach (var item in tuple.Items)
        {
            if (item is not (null or string or int or long or double or bool)
                || (item is string s && SurrogatePass.HasLoneSurrogate(s))) return false;
            if (item is string text)
            {
                withText = true;
                size += 10 + 3L * text.Length;
            }
            else
            {
                size += 12;
            }
        }
        SizeHint += size; // its items are written without passing through Lower
        return true;
    }

    private object? LowerReference(object value)
    {
        switch (value)
        {
            case PyDecimal d:
                return Remember(value, new DecimalNode(d.Text));
            case PyGlobal g:
                return Remember(value, new GlobalNode(g));
            case byte[] bytes:
                SizeHint += bytes.Length;
                return Remember(value, new BytesNode(bytes));
            case PyByteArray byteArray:
                SizeHint += byteArray.Bytes.Length + 64;
                return Remember(value, new ByteArrayNode(byteArray.Bytes));
        }
        if (++_depth > maxDepth)
            throw new PicklingError($"cannot pickle the value: it nests deeper than {maxDepth} containers (lists, "
                + "tuples, dicts, sets, objects), the limit PyCompat decodes by default "
                + "(PickleLoadOptions.DefaultMaxDepth) and Razorvine's writer can follow; flatten the value");
        if (_depth > Deepest) Deepest = _depth;
        if (_depth % 32 == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw new DeepStack.Exhausted();
        try
        {
            var lowered = LowerContainer(value);
            return _depth % ResetNode.Span == 0 ? new ResetNode(lowered) : lowered;
        }
        finally
        {
            _depth--;
        }
    }

    private object? LowerContainer(object value)
    {
        switch (value)
        {
            case PyTuple tuple:
                return Whole(value, () => LowerItems(tuple.Items));
            case PyFrozenSet frozen:
                return Whole(value, () => new SetNode(true, frozen.Select(Lower).ToArray()));
            case PyObject obj:
                return Whole(value, () => new ObjectNode((GlobalNode)Lower(obj.Type)!, obj.Args.Select(Lower).ToArray(),
                    Lower(obj.State), obj.State is not null, obj.ViaReduce));
            case PyDict dict:
                var node = new DictNode(dict.Count);
                _lowered[value] = node;
                foreach (var (key, item) in dict) node.Put(Lower(key), Lower(item));
                return node;
            case IDictionary dict:
                return FillDict(value, dict.Pairs());
            case Array array:
                return Whole(value, () => array.Cast<object?>().Select(Lower).ToArray());
            case ITuple tuple:
                return Whole(value, () => Enumerable.Range(0, tuple.Length).Select(i => Lower(tuple[i])).ToArray());
            case IEnumerable set when IsSet(value.GetType()):
                return Whole(value, () => new SetNode(false, set.Cast<object?>().Select(Lower).ToArray()));
            case List<object?> list when ScalarListNode.Holds(list):
                SizeHint += ScalarListNode.SizeFor(list.Count);
                return Remember(list, new ScalarListNode(list));
            case List<object?> list when !copyLists:
                return LowerList(list);
            case IList list:
                var lowered = new List<object?>(list.Count);
                _lowered[value] = lowered;
                foreach (var item in list) lowered.Add(Lower(item));
                return lowered;
            case var other when reducer is not null && reducer.TryReduce(other, out var reduced):
                return Whole(value, () => Lower(reduced)!);
            default:
                throw new PicklingError($"cannot pickle a value of .NET type {value.GetType()}: it has no Python "
                    + "counterpart in PyCompat's value table (see VALUES.md). Convert it to one of the table's types, "
                    + "or describe the Python instance as a PyObject (class global, args, state).");
        }
    }

    private object Remember(object source, object lowered) => _lowered[source] = lowered;

    private object?[] LowerItems(object?[] items)
    {
        var lowered = new object?[items.Length];
        for (var i = 0; i < items.Length; i++) lowered[i] = Lower(items[i]);
        return lowered;
    }

    /// <summary>
    /// A List&lt;object?&gt; whose items all lower to themselves (strings, scalar tuples...) is handed to Razorvine as it
    /// is; a copy is made only from the first item that changes. (Lists of None, bools, ints and floats only are
    /// written by a <see cref="ScalarListNode"/> before this.)
    /// </summary>
    private List<object?> LowerList(List<object?> list)
    {
        _lowered[list] = list; // provisional: a self-reference met while lowering points at the list itself
        List<object?>? copy = null;
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i];
            var lowered = Lower(item);
            if (copy is null && ReferenceEquals(lowered, item)) continue;
            if (copy is null)
            {
                // Anything that reached this list before now holds the original: only safe if nothing did.
                if (Shared) throw new CopyNeeded();
                copy = new List<object?>(list.Count);
                for (var j = 0; j < i; j++) copy.Add(list[j]);
                _lowered[list] = copy;
            }
            copy.Add(lowered);
        }
        if (copy is not null && !ReferenceEquals(_lowered[list], copy)) _lowered[list] = copy;
        return copy ?? list;
    }

    private DictNode FillDict(object source, IEnumerable<(object? Key, object? Value)> pairs)
    {
        var node = new DictNode();
        _lowered[source] = node;
        foreach (var (key, item) in pairs) node.Put(Lower(key), Lower(item));
        return node;
    }

    /// <summary>Tuples, frozensets and instances are written whole, so a cycle through one cannot be written.</summary>
    private object Whole(object source, Func<object> build)
    {
        if (!_inProgress.Add(source))
            throw new PicklingError($"cannot pickle a {source.GetType().Name} that contains itself: PyCompat writes "
                + "tuples, frozensets and PyObjects whole, so a cycle must go through a list or dict");
        var lowered = build();
        _inProgress.Remove(source);
        return _lowered[source] = lowered;
    }

    private static bool IsSet(Type type) => type.GetInterfaces().Any(i => i.IsGenericType
        && (i.GetGenericTypeDefinition() == typeof(ISet<>) || i.GetGenericTypeDefinition() == typeof(IReadOnlySet<>)));
}
