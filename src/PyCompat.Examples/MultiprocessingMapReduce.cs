using System.Runtime.CompilerServices;
using PyCompat.Multiprocessing.Pooling;

namespace PyCompat.Examples;

/// <summary>
/// Port of <c>multiprocessing_mapreduce.py</c>'s <c>SimpleMapReduce</c>: maps the inputs through a pool, partitions the
/// intermediate (key, value) pairs by key, and reduces each partition through the same pool. The module defines the
/// class and nothing else; <see cref="MultiprocessingWordCount"/> uses it.
/// </summary>
/// <typeparam name="TInput">One input of the map function.</typeparam>
/// <typeparam name="TKey">The key the map function produces and the partitions are made by.</typeparam>
/// <typeparam name="TValue">The value the map function pairs with each key.</typeparam>
/// <typeparam name="TResult">What the reduce function makes of one partition.</typeparam>
public sealed class SimpleMapReduce<TInput, TKey, TValue, TResult> where TKey : notnull
{
    private readonly Func<TInput, List<(TKey, TValue)>> _mapFunc;
    private readonly Func<(TKey, List<TValue>), TResult> _reduceFunc;

    /// <summary>CPython's <c>SimpleMapReduce(map_func, reduce_func, num_workers=None)</c>.</summary>
    /// <param name="mapFunc">Maps one input to (key, value) pairs; a static method, as it runs in the pool's workers.</param>
    /// <param name="reduceFunc">Reduces one key and all its values; a static method too.</param>
    /// <param name="numWorkers">The pool's size; by default the number of CPUs.</param>
    [MethodImpl(MethodImplOptions.NoInlining)] // the pool finds the functions in the assembly that calls it
    public SimpleMapReduce(Func<TInput, List<(TKey, TValue)>> mapFunc, Func<(TKey, List<TValue>), TResult> reduceFunc, int? numWorkers = null)
    {
        _mapFunc = mapFunc;
        _reduceFunc = reduceFunc;
        Pool = new Pool(numWorkers, assemblies: [mapFunc.Method.DeclaringType!.Assembly.Location, reduceFunc.Method.DeclaringType!.Assembly.Location]);
    }

    /// <summary>The pool both phases run in (<c>self.pool</c>); never closed, as in the script.</summary>
    public Pool Pool { get; }

    /// <summary><c>partition(mapped_values)</c>: the values of each key, keys in the order they first appear.</summary>
    public IEnumerable<(TKey, List<TValue>)> Partition(IEnumerable<(TKey Key, TValue Value)> mappedValues)
    {
        var partitioned = new Dictionary<TKey, List<TValue>>();
        var order = new List<TKey>();
        foreach (var (key, value) in mappedValues)
        {
            if (!partitioned.TryGetValue(key, out var values))
            {
                partitioned[key] = values = [];
                order.Add(key);
            }
            values.Add(value);
        }
        return order.Select(key => (key, partitioned[key]));
    }

    /// <summary><c>__call__(inputs, chunksize=1)</c>: the map phase with <paramref name="chunksize"/>, then the reduce phase with map's default.</summary>
    public List<TResult> Invoke(IEnumerable<TInput> inputs, int chunksize = 1)
    {
        var mapResponses = Pool.Map(_mapFunc, inputs, chunksize);
        var partitionedData = Partition(mapResponses.SelectMany(pairs => pairs));
        return Pool.Map(_reduceFunc, partitionedData);
    }
}
