using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PyCompat.Multiprocessing.Hosting;

namespace PyCompat.Multiprocessing.Pooling;

/// <summary>What the result handler feeds: one job of the pool's cache (CPython's <c>_set(i, obj)</c>).</summary>
internal interface IJob
{
    long Job { get; }

    void Set(int index, bool success, object? value);
}

/// <summary>
/// CPython's <c>AsyncResult</c> (<c>ApplyResult</c>): the result of <see cref="Pool.ApplyAsync{T}"/>, ready once the
/// worker's answer has arrived. <see cref="Get"/> returns the value or throws the task's exception; it is also
/// awaitable (<c>await pool.ApplyAsync&lt;int&gt;(...)</c>). Callbacks run on the pool's result thread, as in CPython.
/// </summary>
/// <typeparam name="T">What the value is converted to from its Python form (as a port's parameter is).</typeparam>
public class AsyncResult<T> : IJob
{
    private static long _jobs;
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<T>? _callback;
    private readonly Action<Exception>? _errorCallback;
    private readonly Action<IJob> _finished;

    internal AsyncResult(Pool pool, Action<T>? callback, Action<Exception>? errorCallback)
    {
        Job = Interlocked.Increment(ref _jobs) - 1;
        _callback = callback;
        _errorCallback = errorCallback;
        _finished = pool.Finished;
        pool.Register(this);
    }

    /// <summary>The job number the pool's tasks carry.</summary>
    public long Job { get; }

    /// <summary>Python's <c>ready()</c>: whether the call has completed.</summary>
    public bool Ready() => _done.Task.IsCompleted;

    /// <summary>Python's <c>successful()</c>: whether the call completed without raising.</summary>
    /// <exception cref="InvalidOperationException">not ready yet (Python's ValueError '... not ready').</exception>
    public bool Successful() => Ready() ? _done.Task.IsCompletedSuccessfully
        : throw new InvalidOperationException($"{this} not ready");

    /// <summary>Python's <c>wait(timeout)</c>: waits until ready or the timeout passes (null: for ever).</summary>
    public void Wait(TimeSpan? timeout = null) => ((IAsyncResult)_done.Task).AsyncWaitHandle.WaitOne(timeout ?? Timeout.InfiniteTimeSpan);

    /// <summary>Python's <c>get(timeout)</c>: the value, once ready.</summary>
    /// <exception cref="TimeoutException">not ready within <paramref name="timeout"/> (Python's multiprocessing.TimeoutError).</exception>
    /// <exception cref="TaskException">the task raised; its remote traceback is the inner exception.</exception>
    public T Get(TimeSpan? timeout = null)
    {
        Wait(timeout);
        if (!Ready()) throw new TimeoutException($"{this} was not ready within {timeout}");
        return _done.Task.IsCompletedSuccessfully ? _done.Task.Result : throw _done.Task.Exception!.InnerException!;
    }

    /// <summary>Makes the result awaitable.</summary>
    public TaskAwaiter<T> GetAwaiter() => _done.Task.GetAwaiter();

    /// <summary>The result as a <see cref="Task{T}"/>.</summary>
    public Task<T> AsTask() => _done.Task;

    /// <inheritdoc/>
    public override string ToString() => $"<multiprocessing.pool.{GetType().Name.Split('`')[0]} object job={Job}>";

    void IJob.Set(int index, bool success, object? value) => Set(index, success, value);

    private protected virtual void Set(int index, bool success, object? value) => Complete(success, value, Convert<T>);

    /// <summary>Converts a Python value as a port's parameter is converted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected static TValue Convert<TValue>(object? value) =>
        // A map's results are converted one by one: the common ones without boxing them again (the JIT keeps only
        // the branch of TValue), each as ValueConverter would convert it.
        typeof(TValue) == typeof(long) && value is int or long ? (TValue)(object)(value is int i ? i : (long)value)
        : typeof(TValue) == typeof(int) && value is int ? (TValue)value
        : typeof(TValue) == typeof(double) && value is double ? (TValue)value
        : ValueConverter.TryConvert(value, typeof(TValue), out var converted) ? (TValue)converted!
        : throw new InvalidCastException($"the task returned a Python {PyTypeNames.Of(value)}, which does not convert to {typeof(TValue).Name}");

    private protected void Complete(bool success, object? value, Func<object?, T> convert)
    {
        _finished(this);
        if (success)
        {
            T result;
            try
            {
                result = convert(value);
            }
            catch (InvalidCastException error)
            {
                Fail(error);
                return;
            }
            _callback?.Invoke(result);
            _done.SetResult(result);
        }
        else Fail(value as Exception ?? TaskException.FromPickled(value));
    }

    private void Fail(Exception error)
    {
        _errorCallback?.Invoke(error);
        _done.SetException(error);
    }
}

/// <summary>
/// CPython's <c>MapResult</c>: the result of <see cref="Pool.MapAsync{TIn,TOut}"/> and <see cref="Pool.StarmapAsync{T}"/>, filled
/// chunk by chunk (<c>value[i*chunksize:(i+1)*chunksize] = result</c>) and ready when every chunk has come back; the
/// first failing chunk's exception is the one raised.
/// </summary>
public sealed class MapResult<T> : AsyncResult<List<T>>
{
    private readonly object?[] _value;
    private readonly int _chunkSize;
    private int _left;
    private bool _success = true;
    private object? _error;

    internal MapResult(Pool pool, int chunkSize, int length, Action<List<T>>? callback, Action<Exception>? errorCallback)
        : base(pool, callback, errorCallback)
    {
        _value = new object?[length];
        _chunkSize = chunkSize;
        _left = chunkSize <= 0 ? 0 : length / chunkSize + (length % chunkSize != 0 ? 1 : 0);
        if (_left == 0) Complete(true, _value, _ => []);
    }

    private protected override void Set(int index, bool success, object? value)
    {
        _left--;
        if (success && _success)
        {
            var items = value as System.Collections.IList ?? throw new InvalidDataException($"a map chunk's result is a {PyTypeNames.Of(value)}, not a list");
            var start = index * _chunkSize;
            var count = Math.Max(0, Math.Min(items.Count, _value.Length - start));
            // value[i*chunksize:(i+1)*chunksize] = result, in one copy for the list the decoder makes.
            if (items is List<object?> list) list.CopyTo(0, _value, start, count);
            else for (var k = 0; k < count; k++) _value[start + k] = items[k];
        }
        else if (!success && _success)
        {
            _success = false;
            _error = value;
        }
        if (_left == 0)
            Complete(_success, _success ? _value : _error, ConvertAll);
    }

    /// <summary>
    /// The map's results as a List&lt;T&gt;. Optimized at its first call: it runs a few times per map over every result,
    /// which tiered compilation left at Tier0 through a short program's maps (it promotes only after 30 calls).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<T> ConvertAll(object? values)
    {
        var items = (object?[])values!;
        var list = new List<T>(items.Length);
        CollectionsMarshal.SetCount(list, items.Length);
        var span = CollectionsMarshal.AsSpan(list);
        for (var i = 0; i < items.Length; i++) span[i] = Convert<T>(items[i]);
        return list;
    }
}
