using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Reduction;

/// <summary>
/// CPython's <c>multiprocessing.reduction</c> for .NET: how live objects are pickled for a child (objects that
/// implement <see cref="IReduceForChild"/>, plus a reducer per .NET type for types that cannot, such as
/// <see cref="TextWriter"/>), and how a .NET child rebuilds the Python classes those pickles name (a rebuilder per
/// Python global). Immutable: <see cref="WithReducer{T}"/> and <see cref="WithRebuilder"/> return a new table.
/// </summary>
internal sealed class ReductionTable : IPyReducer
{
    private readonly ImmutableDictionary<Type, Func<object, SpawningPopen, object?>> _reducers;
    private readonly ImmutableDictionary<PyGlobal, Func<PyObject, ReductionTable, object>> _rebuilders;
    // The same pickled object (one memo entry) passed twice becomes the same live object in the child.
    private readonly ConditionalWeakTable<PyObject, object> _rebuilt = new();

    private ReductionTable(ImmutableDictionary<Type, Func<object, SpawningPopen, object?>> reducers,
        ImmutableDictionary<PyGlobal, Func<PyObject, ReductionTable, object>> rebuilders)
    {
        _reducers = reducers;
        _rebuilders = rebuilders;
    }

    /// <summary>An empty table: only <see cref="IReduceForChild"/> objects pickle; nothing is rebuilt.</summary>
    public static ReductionTable Empty { get; } = new(ImmutableDictionary<Type, Func<object, SpawningPopen, object?>>.Empty,
        ImmutableDictionary<PyGlobal, Func<PyObject, ReductionTable, object>>.Empty);

    /// <summary>PyCompat's table: the synchronization primitives and the standard streams.</summary>
    public static ReductionTable Default { get; } = DefaultReductions.Add(Empty);

    /// <summary>This table, with <paramref name="reduce"/> saying how a <typeparamref name="T"/> (or a subclass) pickles.</summary>
    public ReductionTable WithReducer<T>(Func<T, SpawningPopen, object?> reduce) where T : class =>
        new(_reducers.SetItem(typeof(T), (value, popen) => reduce((T)value, popen)), _rebuilders);

    /// <summary>This table, with <paramref name="rebuild"/> making the live object for an instance of
    /// <paramref name="pythonClass"/> (or a call to it) in a pickle; the table is passed on for nested objects.</summary>
    public ReductionTable WithRebuilder(PyGlobal pythonClass, Func<PyObject, ReductionTable, object> rebuild) =>
        new(_reducers, _rebuilders.SetItem(pythonClass, rebuild));

    /// <summary>The Python classes this table rebuilds (a .NET child's pickle allow list grows by these).</summary>
    public IEnumerable<PyGlobal> RebuiltClasses => _rebuilders.Keys;

    /// <summary>Pickles <paramref name="value"/> for the child <paramref name="popen"/> (CPython's
    /// <c>reduction.dump</c> under <c>set_spawning_popen</c>).</summary>
    /// <exception cref="PicklingError">something in it has no Python equivalent and no reducer.</exception>
    public byte[] Dumps(object? value, SpawningPopen popen, int protocol = PyPickle.DefaultProtocol)
    {
        using (SpawningPopen.Enter(popen))
            return PyPickle.Dumps(value, this, protocol);
    }

    bool IPyReducer.TryReduce(object value, out object? reduced)
    {
        var popen = SpawningPopen.Current;
        if (value is IReduceForChild self)
        {
            reduced = self.ReduceForChild(popen ?? SpawningPopen.AssertSpawning(value));
            return true;
        }
        for (var type = value.GetType(); type is not null; type = type.BaseType)
            if (_reducers.TryGetValue(type, out var reduce))
            {
                reduced = reduce(value, popen ?? SpawningPopen.AssertSpawning(value));
                return true;
            }
        // A value of a [PyClass] class crosses as an instance of the Python class it ports, child or not.
        return PyClassInstances.TryReduce(value, out reduced);
    }

    /// <summary>The live object for a pickled <paramref name="value"/>, when it is an instance this table rebuilds.</summary>
    /// <exception cref="FileNotFoundException">the object names a kernel object that no longer exists (a lock of a
    /// parent that has ended), and the like: the rebuilder's own error, which says what failed.</exception>
    public bool TryRebuild(object? value, out object? live)
    {
        live = null;
        if (value is not PyObject pickled || !_rebuilders.TryGetValue(pickled.Type, out var rebuild)) return false;
        live = _rebuilt.GetValue(pickled, p => rebuild(p, this));
        return true;
    }
}
