using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace PyCompat.Pickling.Writing;

/// <summary>
/// Maps a .NET value onto what Razorvine writes correctly by itself (null, bool, int, long, double, string,
/// object[] as tuple, IList as list, IDictionary as dict) plus PyCompat's <see cref="Node"/>s for the rest.
/// Each reference is lowered once, so shared values stay shared and lists and dicts may contain themselves.
/// </summary>
internal sealed class Lowering
{
    private readonly Dictionary<object, object?> _lowered = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _inProgress = new(ReferenceEqualityComparer.Instance);

    public object? Lower(object? value) => value switch
    {
        null or bool or int or long or double or string => value,
        byte or sbyte or short or ushort => Convert.ToInt32(value),
        uint u => (long)u,
        ulong u => u <= long.MaxValue ? (long)u : new IntNode(u),
        BigInteger b => new IntNode(b),
        Int128 i => new IntNode((BigInteger)i),
        UInt128 i => new IntNode((BigInteger)i),
        float f => (double)f,
        Half h => (double)h,
        char c => c.ToString(),
        decimal m => new DecimalNode(DecimalText.ToPython(m)),
        Complex c => new ComplexNode(c),
        DateOnly or TimeOnly or DateTime or DateTimeOffset or TimeSpan => new TemporalNode(value),
        _ => _lowered.TryGetValue(value, out var done) ? done : LowerReference(value),
    };

    private object? LowerReference(object value)
    {
        switch (value)
        {
            case PyDecimal d:
                return Remember(value, new DecimalNode(d.Text));
            case PyGlobal g:
                return Remember(value, new GlobalNode(g));
            case byte[] bytes:
                return Remember(value, new BytesNode(bytes));
            case PyByteArray byteArray:
                return Remember(value, new ByteArrayNode(byteArray.Bytes));
            case PyTuple tuple:
                return Whole(value, () => tuple.Select(Lower).ToArray());
            case PyFrozenSet frozen:
                return Whole(value, () => new SetNode(true, frozen.Select(Lower).ToArray()));
            case PyObject obj:
                return Whole(value, () => new ObjectNode((GlobalNode)Lower(obj.Type)!, obj.Args.Select(Lower).ToArray(),
                    Lower(obj.State), obj.State is not null, obj.ViaReduce));
            case PyDict dict:
                return FillDict(value, dict.Select(p => (p.Key, p.Value)));
            case IDictionary dict:
                return FillDict(value, dict.Pairs());
            case Array array:
                return Whole(value, () => array.Cast<object?>().Select(Lower).ToArray());
            case ITuple tuple:
                return Whole(value, () => Enumerable.Range(0, tuple.Length).Select(i => Lower(tuple[i])).ToArray());
            case IEnumerable set when IsSet(value.GetType()):
                return Whole(value, () => new SetNode(false, set.Cast<object?>().Select(Lower).ToArray()));
            case IList list:
                var lowered = new List<object?>(list.Count);
                _lowered[value] = lowered;
                foreach (var item in list) lowered.Add(Lower(item));
                return lowered;
            default:
                throw new PicklingError($"cannot pickle a value of .NET type {value.GetType()}: it has no Python "
                    + "counterpart in PyCompat's value table (see VALUES.md). Convert it to one of the table's types, "
                    + "or describe the Python instance as a PyObject (class global, args, state).");
        }
    }

    private object Remember(object source, object lowered) => _lowered[source] = lowered;

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
