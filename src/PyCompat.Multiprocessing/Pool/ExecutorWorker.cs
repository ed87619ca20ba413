using PyCompat.Multiprocessing.Hosting;
using PyCompat.Multiprocessing.Queues;
using PyCompat.Multiprocessing.Reduction;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Pooling;

/// <summary>
/// CPython's <c>concurrent.futures.process._process_worker</c> in .NET: the loop of a <c>ProcessPoolExecutor</c>
/// worker under <c>pycompat run --map</c>. It reads <c>_CallItem(work_id, fn, args, kwargs)</c>s from the call queue
/// (a <c>_SafeQueue</c>) until the <c>None</c> sentinel, answered with the worker's pid, or <c>max_tasks</c> tasks
/// (3.11+: the last <c>_ResultItem</c> carries <c>exit_pid</c>, and the worker ends), and writes
/// <c>_ResultItem(work_id, exception, result[, exit_pid])</c>s to the result queue, pickled as CPython pickles them (the
/// class, then its <c>__dict__</c>). Resolution is per task, as in <see cref="PoolWorker"/>: a function with a C# port
/// (also inside <c>map</c>'s <c>partial(_process_chunk, fn)</c>) runs here; any other task goes, as it came, to the
/// worker's CPython helper (<see cref="PythonTaskRunner"/>), whose <c>_ResultItem</c> is passed on unchanged.
/// </summary>
internal sealed class ExecutorWorker : IDisposable
{
    private readonly PortedFunctions _functions;
    private readonly Queue _callQueue;
    private readonly SimpleQueue _resultQueue;
    private readonly object? _initializer;
    private readonly object? _initargs;
    private readonly long? _maxTasks;
    private readonly bool _hasExitPid;
    private readonly Func<byte[], PythonTaskRunner> _startHelper;
    private PythonTaskRunner? _helper;
    private bool _initializerInHelper;

    private ExecutorWorker(SpawnRequest request, TargetResolver resolver)
    {
        var args = request.Args;
        if (args.Count is < 4 or > 5)
            throw new InvalidDataException($"_process_worker() takes 4 or 5 arguments (call_queue, result_queue, initializer, initargs[, max_tasks]), got {args.Count}");
        _functions = new PortedFunctions(resolver, request.MainModule);
        _callQueue = QueueOf<Queue>(args[0], "call_queue");
        _resultQueue = QueueOf<SimpleQueue>(args[1], "result_queue");
        (_initializer, _initargs) = (args[2], args[3]);
        // 3.9 and 3.10 pass four arguments and their _ResultItem has no exit_pid; 3.11+ pass max_tasks (maybe None).
        _hasExitPid = args.Count == 5;
        _maxTasks = _hasExitPid ? args[4] switch
        {
            null => null,
            int n => n,
            long n => n,
            var other => throw new InvalidDataException($"_process_worker()'s max_tasks is a {PyTypeNames.Of(other)}, not an int"),
        } : null;
        var python = request.Python ?? Spawn.PythonLocator.Executable();
        var preparation = request.PreparationPickle;
        _startHelper = setup => PythonTaskRunner.Start(python, preparation, setup);
    }

    /// <summary>Rebuilds the worker's queues (opening their semaphores) for a spawn request whose target is
    /// <c>_process_worker</c>; <see cref="Run"/> then runs the loop.</summary>
    /// <exception cref="InvalidDataException">the arguments are not an executor worker's.</exception>
    public static ExecutorWorker Open(SpawnRequest request, TargetResolver resolver) => new(request, resolver);

    private static T QueueOf<T>(object? pickled, string what) where T : class =>
        ReductionTable.Default.TryRebuild(pickled, out var live) && live is T queue ? queue
            : throw new InvalidDataException($"_process_worker()'s {what} is a {PyTypeNames.Of(pickled)}, not a multiprocessing {typeof(T).Name} pickled for a child");

    /// <summary>The loop, as <c>_process_worker</c> runs it; returns when the worker should exit.</summary>
    public void Run()
    {
        if (_initializer is not null && !Initialize(_initializer, _initargs)) return;
        long tasks = 0;
        int? exitPid = null;
        while (true)
        {
            var message = _callQueue.GetBytes();
            var item = PyPickle.Loads(message, PickleLoadOptions.Trusted);
            if (item is null)
            {
                // Wakes the parent's manager thread, as CPython's worker does.
                _resultQueue.PutBytes(ForkingPickler.Dumps(Environment.ProcessId));
                return;
            }
            if (_maxTasks is { } max && ++tasks >= max)
                exitPid = Environment.ProcessId;
            _resultQueue.PutBytes(RunCall(item, message, exitPid));
            if (exitPid is not null) return;
        }
    }

    /// <summary>CPython's initializer step: false when it raised, which it logs as <c>_process_worker</c> does (the
    /// parent then sees the worker end and breaks the pool).</summary>
    private bool Initialize(object initializer, object? initargs)
    {
        if (initializer is PyGlobal global && _functions.Port(global) is { } method)
        {
            try
            {
                PortedFunctions.Call(method, global, PortedFunctions.ArgsOf(initargs), []);
                return true;
            }
            catch (Exception error)
            {
                Console.Error.Write("Exception in initializer:\n" + PythonTraceback.Format(error));
                Console.Error.Flush();
                return false;
            }
        }
        // The helper runs it, and only it: the state an unported initializer sets is where the unported tasks run.
        _initializerInHelper = true;
        return Helper().Initialized();
    }

    private byte[] RunCall(object item, byte[] message, int? exitPid)
    {
        if (item is not PyObject { State: IReadOnlyDictionary<object?, object?> state } call || call.Type != ExecutorNames.CallItem
            || !state.TryGetValue("work_id", out var workId))
            throw new InvalidDataException($"an executor task is a _CallItem(work_id, fn, args, kwargs), got {PyTypeNames.Of(item)}");
        var fn = state.GetValueOrDefault("fn");
        var args = state.GetValueOrDefault("args");
        var kwargs = state.GetValueOrDefault("kwargs");
        if (Plan(fn, args, kwargs) is not { } run)
        {
            _functions.RanInCpython(NameOf(fn));
            return Helper().RunCall(message, exitPid);
        }
        object? result;
        try
        {
            result = run();
        }
        // BaseException, as _process_worker catches it: a sys.exit() in a task fails that task, not the worker.
        catch (Exception error)
        {
            return Result(workId, exception: TaskResults.WithTraceback(error, ExecutorNames.RebuildExc), result: null, exitPid);
        }
        try
        {
            return Result(workId, exception: null, result, exitPid);
        }
        catch (PicklingError error)
        {
            // _sendback_result: the result could not be sent, so the error that stopped it is.
            return Result(workId, exception: TaskResults.WithTraceback(error, ExecutorNames.RebuildExc), result: null, exitPid);
        }
    }

    /// <summary>How .NET runs the task, or null when its function has no port.</summary>
    private Func<object?>? Plan(object? fn, object? args, object? kwargs)
    {
        if (ChunkFunction(fn) is { } inner)
        {
            if (_functions.Port(inner) is not { } chunkMethod
                || PortedFunctions.ArgsOf(args) is not [IEnumerable<object?> chunk] || PortedFunctions.KwargsOf(kwargs).Count != 0)
                return null;
            return () => PortedFunctions.CallEach(chunkMethod, inner, chunk, star: true);
        }
        if (fn is not PyGlobal global || global.Module == ExecutorNames.Worker.Module || _functions.Port(global) is not { } method)
            return null;
        var keywords = PortedFunctions.KwargsOf(kwargs);
        return () => PortedFunctions.Call(method, global, PortedFunctions.ArgsOf(args), keywords);
    }

    /// <summary><c>fn</c> of <c>map</c>'s <c>functools.partial(_process_chunk, fn)</c>, or null for anything else. The
    /// call queue's ForkingPickler writes a partial as <c>multiprocessing.reduction._rebuild_partial(func, args,
    /// keywords)</c>; a plain pickler as <c>functools.partial</c> with <c>(func, args, keywords, dict)</c> as state.</summary>
    private static PyGlobal? ChunkFunction(object? fn)
    {
        IReadOnlyList<object?>? parts = fn switch
        {
            PyObject { Args.Count: 3 } p when p.Type == ExecutorNames.RebuildPartial => p.Args,
            PyObject { State: PyTuple { Count: 4 } state } p when p.Type == ExecutorNames.Partial => state,
            _ => null,
        };
        return parts is [PyGlobal chunker, PyTuple { Count: 1 } bound, null or IReadOnlyDictionary<object?, object?> { Count: 0 }, ..]
            && chunker == ExecutorNames.ProcessChunk && bound[0] is PyGlobal inner
            ? inner : null;
    }

    private string NameOf(object? fn) => fn switch
    {
        _ when ChunkFunction(fn) is { } inner => _functions.NameOf(inner),
        PyGlobal g => _functions.NameOf(g),
        PyObject o => _functions.NameOf(o.Type),
        _ => PyTypeNames.Of(fn),
    };

    /// <summary>The <c>_ResultItem</c> CPython pickles: its class, no arguments (NEWOBJ), its <c>__dict__</c> in
    /// <c>__init__</c>'s order, so every parent from 3.9 to 3.13 loads it; <c>exit_pid</c> only where it exists.</summary>
    private byte[] Result(object? workId, object? exception, object? result, int? exitPid)
    {
        var state = new PyDict { ["work_id"] = workId, ["exception"] = exception, ["result"] = result };
        if (_hasExitPid) state["exit_pid"] = exitPid;
        return ForkingPickler.Dumps(new PyObject(ExecutorNames.ResultItem, PyTuple.Empty, state));
    }

    private PythonTaskRunner Helper() =>
        _helper ??= StartHelper();

    private PythonTaskRunner StartHelper()
    {
        var helper = _startHelper(PythonTaskRunner.ExecutorSetup(_initializerInHelper ? _initializer : null, _initargs));
        // Started for a task: the initializer (if any) ran in .NET, so the helper's own answer is only a formality.
        if (!_initializerInHelper && !helper.Initialized())
            throw new InvalidOperationException("the CPython helper refused a setup without an initializer");
        return helper;
    }

    public void Dispose() => _helper?.Dispose();
}
