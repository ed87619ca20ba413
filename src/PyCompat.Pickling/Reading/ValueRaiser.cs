using System.Collections;
using System.Numerics;

namespace PyCompat.Pickling.Reading;

/// <summary>
/// Turns what Razorvine built (object[] tuples, ArrayList lists, PyCompat's intermediate dicts, sets and pending
/// objects) into the value table. Shared references stay shared and cycles through lists, dicts and object
/// state survive, because each container is mapped once by identity and registered before its items are raised.
/// </summary>
internal sealed class ValueRaiser
{
    private readonly Dictionary<object, object?> _raised = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _inProgress = new(ReferenceEqualityComparer.Instance);

    public object? Raise(object? value) => value switch
    {
        null or bool or double or string or byte[] => value,
        int => value,
        long l => l is >= int.MinValue and <= int.MaxValue ? (object)(int)l : l,
        BigInteger b => NormalizeInteger(b),
        _ when value.GetType().IsValueType => value,
        _ => _raised.TryGetValue(value, out var done) ? done : RaiseReference(value),
    };

    private static object NormalizeInteger(BigInteger value) =>
        // Each branch boxed on its own: a conditional expression would widen them all to BigInteger.
        value >= int.MinValue && value <= int.MaxValue ? (object)(int)value
        : value >= long.MinValue && value <= long.MaxValue ? (object)(long)value
        : value;

    private object? RaiseReference(object value)
    {
        switch (value)
        {
            case object[] tuple:
                return Immutable(tuple, () => new PyTuple(tuple.Select(Raise).ToArray()));
            case RawFrozenSet frozen:
                return Immutable(frozen, () => new PyFrozenSet(frozen.Items.Select(Raise)));
            case ArrayList list:
                var raisedList = new List<object?>(list.Count);
                _raised[list] = raisedList;
                foreach (var item in list) raisedList.Add(Raise(item));
                return raisedList;
            case PyHashtable table:
                return Fill(table, new PyDict());
            case HashSet<object> set:
                var raisedSet = new HashSet<object?>(PyEqualityComparer.Instance);
                _raised[set] = raisedSet;
                foreach (var item in set) raisedSet.Add(Raise(item));
                return raisedSet;
            case PendingObject pending:
                return RaiseObject(pending);
            case PyConstructor constructor:
                return _raised[value] = constructor.Global;
            case FixedTimezone tz:
                object[] args = tz.Name is null ? [tz.Offset] : [tz.Offset, tz.Name];
                return _raised[value] = new PyObject(new PyGlobal("datetime", "timezone"), new PyTuple(args), null, ViaReduce: true);
            default:
                return value; // PyCompat's own values (PyByteArray, ...) and whatever a foreign Razorvine constructor made
        }
    }

    private PyDict Fill(PyHashtable table, PyDict dict)
    {
        _raised[table] = dict;
        foreach (var (key, item) in table.Pairs) dict[Raise(key)] = Raise(item);
        return dict;
    }

    private PyObject RaiseObject(PendingObject pending)
    {
        var args = (PyTuple)Immutable(pending.Args, () => new PyTuple(pending.Args.Select(Raise).ToArray()))!;
        if (pending.State is PyHashtable stateTable && !_raised.ContainsKey(stateTable))
        {
            // Register the object before raising its state: state dicts often point back at their owner.
            var stateDict = new PyDict();
            var withDict = new PyObject(pending.Type, args, stateDict, pending.ViaReduce);
            _raised[pending] = withDict;
            Fill(stateTable, stateDict);
            return withDict;
        }
        return (PyObject)Immutable(pending, () => new PyObject(pending.Type, args, Raise(pending.State), pending.ViaReduce))!;
    }

    /// <summary>Values that must exist whole before anything can point at them (tuples): a cycle through one is refused.</summary>
    private object? Immutable(object source, Func<object?> build)
    {
        if (_raised.TryGetValue(source, out var done)) return done;
        if (!_inProgress.Add(source))
            throw new UnpicklingError("the pickle holds a tuple (or frozenset, or object state) that contains itself "
                + "through a list or dict; PyTuple is immutable, so such a cycle cannot be rebuilt: use a list");
        var result = build();
        _inProgress.Remove(source);
        _raised[source] = result;
        return result;
    }
}
