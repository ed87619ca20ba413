using System.Collections.Concurrent;
using System.Reflection;
using PyCompat.Multiprocessing.Queues;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Pooling;

/// <summary>
/// CPython's <c>multiprocessing.pool.Pool</c>: worker processes that run the functions given to <see cref="Map{TIn,TOut}"/>,
/// <see cref="ApplyAsync{T}"/> and the rest. The workers are .NET children speaking CPython's worker loop
/// (<c>multiprocessing.pool.worker</c>, tasks <c>(job, i, func, args, kwds)</c>, results <c>(job, i, (success, value))</c>
/// over two <see cref="SimpleQueue"/>s), the same loop that serves a CPython pool in mapped mode. Functions are static
/// methods (or lambdas that capture nothing) of the assembly that made the pool, the initializer's, or one named in
/// <c>assemblies</c>; their arguments and results cross as pickles. Three threads run the pool as CPython's do: one keeps
/// the workers up (replacing those that end, after <c>maxtasksperchild</c> tasks or killed), one feeds the tasks, one
/// hands out the results. <see cref="Dispose"/> is <see cref="Terminate"/>, as Python's <c>with</c>.
/// </summary>
public sealed partial class Pool : IDisposable, IAsyncDisposable
{
    private enum State { Run, Close, Terminate }

    private readonly SimpleQueue _inqueue = new();
    private readonly SimpleQueue _outqueue = new();
    private readonly List<Process> _pool = [];
    private readonly ConcurrentDictionary<long, IJob> _cache = new();
    private readonly BlockingCollection<(IEnumerable<PyTuple> Tasks, Action<int>? SetLength)?> _taskqueue = new();
    private readonly AutoResetEvent _changed = new(false);
    private readonly int _processes;
    private readonly PyGlobal? _initializer;
    private readonly object?[] _initargs;
    private readonly int? _maxTasksPerChild;
    private readonly string[] _assemblies;
    private readonly Thread _workerHandler;
    private readonly Thread _taskHandler;
    private readonly Thread _resultHandler;
    private volatile State _state;
    private volatile State _workerHandlerState;
    private volatile State _taskHandlerState;
    private volatile State _resultHandlerState;
    private int _terminated;
    private readonly IDisposable _atExit;

    /// <summary>Starts <paramref name="processes"/> workers (CPython's <c>Pool(processes, initializer, initargs, maxtasksperchild)</c>).</summary>
    /// <param name="processes">How many workers; by default <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="initializer">Run once in each worker before its first task (<c>initializer(*initargs)</c>).</param>
    /// <param name="initargs">The initializer's arguments.</param>
    /// <param name="maxtasksperchild">A worker ends after this many tasks and a fresh one replaces it; null: never.</param>
    /// <param name="assemblies">More assemblies whose functions the workers must find (paths).</param>
    /// <exception cref="ArgumentOutOfRangeException">processes &lt; 1 or maxtasksperchild &lt;= 0, in Python's words.</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public Pool(int? processes = null, Delegate? initializer = null, object?[]? initargs = null, int? maxtasksperchild = null,
        IEnumerable<string>? assemblies = null)
    {
        processes ??= Environment.ProcessorCount;
        if (processes < 1) throw new ArgumentOutOfRangeException(nameof(processes), processes, "Number of processes must be at least 1");
        if (maxtasksperchild is <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxtasksperchild), maxtasksperchild, "maxtasksperchild must be a positive int or None");
        _processes = processes.Value;
        _initializer = initializer is null ? null : ProcessTarget.DotNet(initializer).Global;
        _initargs = initargs ?? [];
        _maxTasksPerChild = maxtasksperchild;
        _assemblies = [.. new[] { Assembly.GetCallingAssembly(), Assembly.GetEntryAssembly(), initializer?.Method.DeclaringType?.Assembly }
            .Where(a => a is not null && !string.IsNullOrEmpty(a.Location)).Select(a => a!.Location)
            .Concat(assemblies?.Select(Path.GetFullPath) ?? []).Distinct()];
        try
        {
            Repopulate();
        }
        catch
        {
            foreach (var p in _pool.Where(p => p.ExitCode is null)) p.Terminate();
            foreach (var p in _pool) p.Join();
            throw;
        }
        _workerHandler = Daemon(HandleWorkers, "pool worker handler");
        _taskHandler = Daemon(HandleTasks, "pool task handler");
        _resultHandler = Daemon(HandleResults, "pool result handler");
        // CPython: self._terminate = util.Finalize(self, self._terminate_pool, ..., exitpriority=15).
        _atExit = Finalizers.AtExit.Register(Terminate, exitPriority: 15);
        _state = State.Run;
    }

    /// <summary>The worker processes now in the pool (a snapshot).</summary>
    public IReadOnlyList<Process> Workers
    {
        get { lock (_pool) return [.. _pool]; }
    }

    /// <summary>Python's <c>apply(func, args, kwds)</c>: runs one call in a worker and waits for its result.</summary>
    public T Apply<T>(Delegate func, object?[]? args = null, IReadOnlyDictionary<string, object?>? kwds = null) =>
        ApplyAsync<T>(func, args, kwds).Get();

    /// <summary>Python's <c>apply_async(func, args, kwds, callback, error_callback)</c>.</summary>
    /// <exception cref="InvalidOperationException">the pool is not running (Python's ValueError 'Pool not running').</exception>
    public AsyncResult<T> ApplyAsync<T>(Delegate func, object?[]? args = null, IReadOnlyDictionary<string, object?>? kwds = null,
        Action<T>? callback = null, Action<Exception>? errorCallback = null)
    {
        CheckRunning();
        var result = new AsyncResult<T>(this, callback, errorCallback);
        var kwargs = new PyDict();
        foreach (var (key, value) in kwds ?? new Dictionary<string, object?>()) kwargs[key] = value;
        _taskqueue.Add(([new PyTuple(result.Job, 0, GlobalOf(func), new PyTuple(args ?? []), kwargs)], null));
        return result;
    }

    /// <summary>Python's <c>map(func, iterable, chunksize)</c>: <c>func</c> of each item, in order.</summary>
    /// <exception cref="TaskException">a task raised (the first chunk's that failed).</exception>
    public List<TOut> Map<TIn, TOut>(Func<TIn, TOut> func, IEnumerable<TIn> iterable, int? chunksize = null) =>
        MapAsync(func, iterable, chunksize).Get();

    /// <summary>Python's <c>map_async(func, iterable, chunksize, callback, error_callback)</c>.</summary>
    public MapResult<TOut> MapAsync<TIn, TOut>(Func<TIn, TOut> func, IEnumerable<TIn> iterable, int? chunksize = null,
        Action<List<TOut>>? callback = null, Action<Exception>? errorCallback = null) =>
        MapChunks(PoolNames.MapStar, func, iterable, chunksize, callback, errorCallback);

    /// <summary>Python's <c>starmap(func, iterable, chunksize)</c>: <c>func(*args)</c> for each argument tuple.</summary>
    public List<T> Starmap<T>(Delegate func, IEnumerable<object?[]> iterable, int? chunksize = null) =>
        StarmapAsync<T>(func, iterable, chunksize).Get();

    /// <summary>Python's <c>starmap_async(func, iterable, chunksize, callback, error_callback)</c>.</summary>
    public MapResult<T> StarmapAsync<T>(Delegate func, IEnumerable<object?[]> iterable, int? chunksize = null,
        Action<List<T>>? callback = null, Action<Exception>? errorCallback = null) =>
        MapChunks(PoolNames.StarMapStar, func, iterable.Select(a => new PyTuple(a)), chunksize, callback, errorCallback);

    /// <summary>Python's <c>imap(func, iterable, chunksize=1)</c>: the results in order, each as soon as it and those before it are in.</summary>
    /// <exception cref="ArgumentOutOfRangeException">chunksize &lt; 1.</exception>
    public IEnumerable<TOut> Imap<TIn, TOut>(Func<TIn, TOut> func, IEnumerable<TIn> iterable, int chunksize = 1) =>
        Lazily(func, iterable, chunksize, ordered: true);

    /// <summary>Python's <c>imap_unordered(func, iterable, chunksize=1)</c>: the results as they complete.</summary>
    public IEnumerable<TOut> ImapUnordered<TIn, TOut>(Func<TIn, TOut> func, IEnumerable<TIn> iterable, int chunksize = 1) =>
        Lazily(func, iterable, chunksize, ordered: false);

    /// <summary>Python's <c>close()</c>: no more tasks; the workers exit once the submitted ones are done.</summary>
    public void Close()
    {
        if (_state != State.Run) return;
        _state = State.Close;
        _workerHandlerState = State.Close;
        _changed.Set();
    }

    /// <summary>Python's <c>join()</c>: waits for the workers to exit, after <see cref="Close"/> or <see cref="Terminate"/>.</summary>
    /// <exception cref="InvalidOperationException">the pool is still running (Python's ValueError).</exception>
    public void Join()
    {
        if (_state == State.Run) throw new InvalidOperationException("Pool is still running");
        _workerHandler.Join();
        _taskHandler.Join();
        _resultHandler.Join();
        foreach (var p in Workers) p.Join();
    }

    /// <summary>
    /// <see cref="Join"/> for <c>await</c>: completes once the pool's threads and workers have ended, after
    /// <see cref="Close"/> or <see cref="Terminate"/>. The pool's own threads are waited for on a thread of its own in
    /// slices of 50 ms, the workers as <see cref="Process.JoinAsync"/> waits (no thread blocked);
    /// <paramref name="cancellationToken"/> stops the wait, not the pool, which can be joined again.
    /// </summary>
    /// <exception cref="InvalidOperationException">the pool is still running (Python's ValueError).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public async Task JoinAsync(CancellationToken cancellationToken = default)
    {
        if (_state == State.Run) throw new InvalidOperationException("Pool is still running");
        await AsyncWait.Run(() =>
        {
            foreach (var thread in (Thread[])[_workerHandler, _taskHandler, _resultHandler])
                AsyncWait.Loop(thread.Join, null, cancellationToken);
        }, cancellationToken).ConfigureAwait(false);
        foreach (var p in Workers) await p.JoinAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Python's <c>terminate()</c>: stops the workers at once; outstanding tasks never complete.</summary>
    public void Terminate()
    {
        _state = State.Terminate;
        if (Interlocked.Exchange(ref _terminated, 1) != 0) return;
        _atExit.Dispose();
        TerminatePool();
    }

    /// <summary>
    /// <see cref="Terminate"/>, as Python's <c>with Pool() as pool:</c> does on leaving the block, then what the pool
    /// holds of the OS: its two queues' pipes and semaphores, and its ended workers' <see cref="Process"/> objects
    /// (closed, as <see cref="Process.Dispose"/> closes them).
    /// </summary>
    public void Dispose()
    {
        Terminate();
        Release();
    }

    /// <summary><see cref="Dispose"/> for <c>await using</c>: the terminate, which joins the workers, runs on a thread
    /// of its own.</summary>
    public async ValueTask DisposeAsync()
    {
        await AsyncWait.Run(Terminate, CancellationToken.None).ConfigureAwait(false);
        Release();
    }

    private int _released;

    // After Terminate has joined the handlers and the workers: nothing reads or writes the queues any more.
    private void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        _inqueue.Dispose();
        _outqueue.Dispose();
        _changed.Dispose();
        _taskqueue.Dispose();
        foreach (var p in Workers) p.Dispose();
    }

    /// <summary>The pool's task and result queues.</summary>
    internal IEnumerable<SimpleQueue> Queues => [_inqueue, _outqueue];

    /// <inheritdoc/>
    public override string ToString() => $"<multiprocessing.pool.Pool state={_state.ToString().ToUpperInvariant()} pool_size={Workers.Count}>";

    internal void Register(IJob job) => _cache[job.Job] = job;

    internal void Finished(IJob job)
    {
        if (_cache.TryRemove(job.Job, out _) && _cache.IsEmpty) _changed.Set();
    }

    private MapResult<T> MapChunks<TItem, T>(PyGlobal mapper, Delegate func, IEnumerable<TItem> iterable, int? chunksize,
        Action<List<T>>? callback, Action<Exception>? errorCallback)
    {
        CheckRunning();
        var items = iterable.ToList();
        var size = chunksize ?? Chunks.DefaultSize(items.Count, Workers.Count);
        if (items.Count == 0) size = 0;
        var result = new MapResult<T>(this, size, items.Count, callback, errorCallback);
        if (size > 0) _taskqueue.Add((Tasks(result.Job, mapper, GlobalOf(func), Chunks.Split(items, size)), null));
        return result;
    }

    private IEnumerable<TOut> Lazily<TIn, TOut>(Func<TIn, TOut> func, IEnumerable<TIn> iterable, int chunksize, bool ordered)
    {
        CheckRunning();
        if (chunksize < 1) throw new ArgumentOutOfRangeException(nameof(chunksize), chunksize, $"Chunksize must be 1+, not {chunksize}");
        var function = GlobalOf(func);
        if (chunksize == 1)
        {
            var result = new MapIterator<TOut>(this, ordered);
            _taskqueue.Add((iterable.Select((x, i) => new PyTuple(result.Job, i, function, new PyTuple(x), new PyDict())), result.SetLength));
            return result;
        }
        var chunks = new MapIterator<List<TOut>>(this, ordered);
        _taskqueue.Add((Tasks(chunks.Job, PoolNames.MapStar, function, Chunks.Split(iterable, chunksize)), chunks.SetLength));
        return chunks.SelectMany(chunk => chunk);
    }

    private static IEnumerable<PyTuple> Tasks(long job, PyGlobal mapper, PyGlobal func, IEnumerable<object?[]> chunks) =>
        chunks.Select((chunk, i) => new PyTuple(job, i, mapper, new PyTuple(new PyTuple(func, new PyTuple(chunk))), new PyDict()));

    private static PyGlobal GlobalOf(Delegate func) => ProcessTarget.DotNet(func).Global;

    private void CheckRunning()
    {
        if (_state != State.Run) throw new InvalidOperationException("Pool not running");
    }

    private static Thread Daemon(ThreadStart body, string name)
    {
        var thread = new Thread(body) { IsBackground = true, Name = name };
        thread.Start();
        return thread;
    }
}
