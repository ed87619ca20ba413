using System.Collections;

namespace PyCompat.Multiprocessing.Pooling;

/// <summary>
/// CPython's <c>IMapIterator</c> and <c>IMapUnorderedIterator</c>: the results of <see cref="Pool.Imap{TIn,TOut}"/>
/// and <see cref="Pool.ImapUnordered{TIn,TOut}"/> as they arrive, in order or as completed. Enumerating waits for each;
/// <see cref="Next"/> waits at most a timeout. A task's exception is thrown when its item is reached.
/// </summary>
public sealed class MapIterator<T> : IJob, IEnumerable<T>
{
    private static long _jobs = 1L << 40;
    private readonly object _gate = new();
    private readonly Queue<(bool Success, object? Value)> _items = new();
    private readonly Dictionary<int, (bool, object?)> _unsorted = [];
    private readonly bool _ordered;
    private readonly Action<IJob> _finished;
    private int _index;
    private int? _length;

    internal MapIterator(Pool pool, bool ordered)
    {
        Job = Interlocked.Increment(ref _jobs);
        _ordered = ordered;
        _finished = pool.Finished;
        pool.Register(this);
    }

    /// <inheritdoc/>
    public long Job { get; }

    /// <summary>Python's <c>next(timeout)</c>: the next result.</summary>
    /// <returns>false at the end (Python's StopIteration).</returns>
    /// <exception cref="TimeoutException">nothing arrived within <paramref name="timeout"/>.</exception>
    /// <exception cref="TaskException">the task for this item raised.</exception>
    public bool Next(out T value, TimeSpan? timeout = null)
    {
        (bool Success, object? Value) item;
        lock (_gate)
        {
            if (!_items.TryDequeue(out item))
            {
                if (_index == _length)
                {
                    value = default!;
                    return false;
                }
                Monitor.Wait(_gate, timeout ?? Timeout.InfiniteTimeSpan);
                if (!_items.TryDequeue(out item))
                {
                    if (_index == _length)
                    {
                        value = default!;
                        return false;
                    }
                    throw new TimeoutException($"no result within {timeout}");
                }
            }
        }
        if (!item.Success) throw item.Value as Exception ?? TaskException.FromPickled(item.Value);
        value = ValueConvert(item.Value);
        return true;
    }

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator()
    {
        while (Next(out var value)) yield return value;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void IJob.Set(int index, bool success, object? value)
    {
        lock (_gate)
        {
            if (!_ordered || _index == index)
            {
                _items.Enqueue((success, value));
                _index++;
                while (_ordered && _unsorted.Remove(_index, out var next))
                {
                    _items.Enqueue(next);
                    _index++;
                }
                Monitor.PulseAll(_gate);
            }
            else _unsorted[index] = (success, value);
            if (_index == _length) _finished(this);
        }
    }

    /// <summary>CPython's <c>_set_length</c>: the task handler has sent every task, and this many.</summary>
    internal void SetLength(int length)
    {
        lock (_gate)
        {
            _length = length;
            if (_index == _length)
            {
                Monitor.PulseAll(_gate);
                _finished(this);
            }
        }
    }

    private static T ValueConvert(object? value) =>
        Hosting.ValueConverter.TryConvert(value, typeof(T), out var converted) ? (T)converted!
        : throw new InvalidCastException($"the task returned a Python {Hosting.PyTypeNames.Of(value)}, which does not convert to {typeof(T).Name}");
}
