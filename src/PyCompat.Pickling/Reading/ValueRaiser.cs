using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PyCompat.Pickling.Reading;

/// <summary>
/// Turns what Razorvine built (object[] tuples, ArrayList lists, PyCompat's intermediate dicts, sets and pending
/// objects) into the value table. When the scanner saw that nothing is shared (no memo GET, no DUP: the value is a
/// tree) each value is reached once and is mapped straight through. Otherwise shared references stay shared and
/// cycles through lists, dicts and object state survive, because each container is mapped once by identity and
/// registered before its items are raised. Razorvine's arrays are owned by the raiser, so tuples are raised in place.
/// </summary>
internal sealed class ValueRaiser(bool shared, int maxDepth, long stopOffset)
{
    private readonly Dictionary<object, object?>? _raised = shared ? new(ReferenceEqualityComparer.Instance) : null;
    private readonly HashSet<object>? _inProgress = shared ? new(ReferenceEqualityComparer.Instance) : null;
    private int _depth;

    public object? Raise(object? value)
    {
        switch (value)
        {
            case null or bool or double or string or byte[] or int:
                return value;
            case long l:
                return l is >= int.MinValue and <= int.MaxValue ? (object)(int)l : l;
            case BigInteger b:
                return NormalizeInteger(b);
        }
        if (value.GetType().IsValueType) return value;
        if (_raised is not null && _raised.TryGetValue(value, out var done)) return done;
        if (++_depth > maxDepth + 2)
            throw new UnpicklingError($"the value nests deeper than MaxDepth ({maxDepth} containers)", stopOffset, "STOP");
        if (_depth % 64 == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new UnpicklingError("the value nests too deeply for this thread's stack; lower MaxDepth", stopOffset, "STOP");
        try
        {
            return RaiseReference(value);
        }
        finally
        {
            _depth--;
        }
    }

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
                return _raised is null ? PyTuple.Own(RaiseInPlace(tuple)) : SharedTuple(tuple);
            case RawFrozenSet frozen:
                return _raised is null ? new PyFrozenSet(RaiseInPlace(frozen.Items)) : SharedFrozenSet(frozen);
            case ListBuilder builder:
                var items = builder.Items;
                Remember(builder, items);
                RaiseInPlace(CollectionsMarshal.AsSpan(items)[builder.Raised..]);
                return items;
            case ArrayList list:
                var raisedList = new List<object?>(list.Count);
                Remember(list, raisedList);
                foreach (var item in list) raisedList.Add(Raise(item));
                return raisedList;
            case PyHashtable { Direct: { } direct } table:
                Remember(table, direct);
                for (var i = 0; i < direct.Count; i++) direct.SetValueAt(i, Raise(direct.ValueAt(i)));
                return direct;
            case PyHashtable table:
                return Fill(table, new PyDict(table.Pairs!.Count));
            case HashSet<object> set:
                var raisedSet = new HashSet<object?>(set.Count, PyEqualityComparer.Instance);
                Remember(set, raisedSet);
                foreach (var item in set) raisedSet.Add(Raise(item));
                return raisedSet;
            case PendingObject pending:
                return RaiseObject(pending);
            case PyConstructor constructor:
                return Remember(value, constructor.Global);
            case FixedTimezone tz:
                object[] args = tz.Name is null ? [tz.Offset] : [tz.Offset, tz.Name];
                return Remember(value, new PyObject(new PyGlobal("datetime", "timezone"), new PyTuple(args), null, ViaReduce: true));
            default:
                return value; // PyCompat's own values (PyByteArray, ...) and whatever an allowed foreign Razorvine constructor made
        }
    }

    // The lambdas are in methods of their own: a lambda in a switch section allocated its closure each time the
    // section ran, whether it was called or not (a 32-byte object per tuple decoded, docs/performance.md, "On 2026-12-04").
    private object? SharedTuple(object[] tuple) => Immutable(tuple, () => PyTuple.Own(RaiseInPlace(tuple)));

    private object? SharedFrozenSet(RawFrozenSet frozen) => Immutable(frozen, () => new PyFrozenSet(RaiseInPlace(frozen.Items)));

    private PyTuple SharedArgs(object?[] args) => (PyTuple)Immutable(args, () => PyTuple.Own(RaiseInPlace(args)))!;

    private PyObject SharedObject(PendingObject pending, PyTuple args) =>
        (PyObject)Immutable(pending, () => new PyObject(pending.Type, args, Raise(pending.State), pending.ViaReduce))!;

    private object?[] RaiseInPlace(object?[] items)
    {
        RaiseInPlace(items.AsSpan());
        return items;
    }

    private void RaiseInPlace(Span<object?> items)
    {
        for (var i = 0; i < items.Length; i++) items[i] = Raise(items[i]);
    }

    private object? Remember(object source, object? raised)
    {
        if (_raised is not null) _raised[source] = raised;
        return raised;
    }

    private PyDict Fill(PyHashtable table, PyDict dict)
    {
        Remember(table, dict);
        if (table.Direct is { } direct)
        {
            foreach (var (key, item) in direct) dict[key] = Raise(item);
        }
        else
        {
            foreach (var (key, item) in table.Pairs!) dict[Raise(key)] = Raise(item);
        }
        return dict;
    }

    private PyObject RaiseObject(PendingObject pending)
    {
        var args = _raised is null ? PyTuple.Own(RaiseInPlace(pending.Args)) : SharedArgs(pending.Args);
        if (pending.State is PyHashtable stateTable && (_raised is null || !_raised.ContainsKey(stateTable)))
        {
            // Register the object before raising its state: state dicts often point back at their owner.
            var stateDict = new PyDict();
            var withDict = new PyObject(pending.Type, args, stateDict, pending.ViaReduce);
            Remember(pending, withDict);
            Fill(stateTable, stateDict);
            return withDict;
        }
        return _raised is null ? new PyObject(pending.Type, args, Raise(pending.State), pending.ViaReduce) : SharedObject(pending, args);
    }

    /// <summary>Values that must exist whole before anything can point at them (tuples): a cycle through one is refused.</summary>
    private object? Immutable(object source, Func<object?> build)
    {
        if (_raised is null) return build();
        if (_raised.TryGetValue(source, out var done)) return done;
        if (!_inProgress!.Add(source))
            throw new UnpicklingError("the pickle holds a tuple (or frozenset, or object state) that contains itself "
                + "through a list or dict; PyTuple is immutable, so such a cycle cannot be rebuilt: use a list",
                stopOffset, "STOP");
        var result = build();
        _inProgress.Remove(source);
        _raised[source] = result;
        return result;
    }
}
