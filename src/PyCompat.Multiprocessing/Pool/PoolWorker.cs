using System.Reflection;
using PyCompat.Multiprocessing.Hosting;
using PyCompat.Multiprocessing.Queues;
using PyCompat.Multiprocessing.Reduction;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Pooling;

/// <summary>
/// CPython's <c>multiprocessing.pool.worker</c> in .NET: the loop of a pool worker process, for a CPython
/// <c>Pool</c> (mapped mode) and for the C# <see cref="Pool"/> alike. It reads <c>(job, i, func, args, kwds)</c> tasks
/// from the inqueue until the <c>None</c> sentinel, end of file, or <c>maxtasks</c> tasks, and writes
/// <c>(job, i, (success, value))</c> to the outqueue. Resolution is per task: a function with a C# port (also inside
/// <c>mapstar</c>/<c>starmapstar</c> chunks) runs here; any other task goes, as it came, to a CPython helper
/// (<see cref="PythonTaskRunner"/>) started at the first such task.
/// </summary>
internal sealed class PoolWorker : IDisposable
{
    private readonly PortedFunctions _functions;
    private readonly Func<byte[], PythonTaskRunner> _startHelper;
    private readonly bool _wrapException;
    private PythonTaskRunner? _helper;
    private byte[] _helperInitializer;

    private PoolWorker(TargetResolver resolver, string? mainModule, bool wrapException, Func<byte[], PythonTaskRunner> startHelper)
    {
        _functions = new PortedFunctions(resolver, mainModule);
        _wrapException = wrapException;
        _startHelper = startHelper;
        _helperInitializer = PythonTaskRunner.InitializerMessage(null, null, wrapException);
    }

    /// <summary>What a C# <see cref="Pool"/> names as its workers' target, so it pickles as CPython's
    /// <c>multiprocessing.pool.worker</c>; the worker host runs <see cref="Run"/> for it and never calls this.</summary>
    [PyTarget("multiprocessing.pool", "worker")]
    internal static void Target(object? inqueue, object? outqueue, object? initializer, object? initargs, object? maxtasks,
        object? wrapException) =>
        throw new InvalidOperationException("multiprocessing.pool.worker runs in the worker host (Pool/PoolWorker.cs), not as a call");

    /// <summary>Runs the loop for a spawn request whose target is <c>multiprocessing.pool.worker</c>.</summary>
    /// <exception cref="InvalidDataException">the arguments are not a pool worker's.</exception>
    public static void Run(SpawnRequest request, TargetResolver resolver)
    {
        if (request.Args.Count is < 2 or > 6)
            throw new InvalidDataException($"worker() takes 2 to 6 arguments (inqueue, outqueue, initializer, initargs, maxtasks, wrap_exception), got {request.Args.Count}");
        object? Arg(int i) => i < request.Args.Count ? request.Args[i] : null;
        var maxTasks = Arg(4) switch
        {
            null => (long?)null,
            int n and >= 1 => n,
            long n and >= 1 => n,
            var other => throw new InvalidOperationException($"Maxtasks {PyRepr.Repr(other)} is not valid"),
        };
        var inqueue = QueueOf(Arg(0), "inqueue");
        var outqueue = QueueOf(Arg(1), "outqueue");
        var python = request.Python;
        using var worker = new PoolWorker(resolver, request.MainModule, Arg(5) is true,
            init => PythonTaskRunner.Start(python ?? Spawn.PythonLocator.Executable(), request.PreparationPickle, init));
        worker.Loop(inqueue, outqueue, Arg(2), Arg(3), maxTasks);
    }

    private static SimpleQueue QueueOf(object? pickled, string what) =>
        ReductionTable.Default.TryRebuild(pickled, out var live) && live is SimpleQueue queue ? queue
            : throw new InvalidDataException($"worker()'s {what} is a {PyTypeNames.Of(pickled)}, not a multiprocessing SimpleQueue pickled for a child");

    private void Loop(SimpleQueue inqueue, SimpleQueue outqueue, object? initializer, object? initargs, long? maxTasks)
    {
        inqueue.CloseEnd(reader: false);
        outqueue.CloseEnd(reader: true);
        if (initializer is not null) Initialize(initializer, initargs);

        long completed = 0;
        while (maxTasks is null || completed < maxTasks)
        {
            byte[] message;
            try
            {
                message = inqueue.GetBytes();
            }
            catch (Exception error) when (error is EOFError or OSError)
            {
                Logging.Debug("worker got EOFError or OSError -- exiting");
                break;
            }
            var task = PyPickle.Loads(message, PickleLoadOptions.Trusted);
            if (task is null)
            {
                Logging.Debug("worker got sentinel -- exiting");
                break;
            }
            outqueue.PutBytes(RunTask(task, message));
            completed++;
        }
        Logging.Debug($"worker exiting after {completed} tasks");
    }

    private void Initialize(object initializer, object? initargs)
    {
        if (initializer is PyGlobal global && Port(global) is { } method)
        {
            PortedFunctions.Call(method, global, PortedFunctions.ArgsOf(initargs), []);
            return;
        }
        // The helper runs it, and only it: the state an unported initializer sets is where the unported tasks run.
        _helperInitializer = PythonTaskRunner.InitializerMessage(initializer, initargs, _wrapException);
        Helper();
    }

    private byte[] RunTask(object task, byte[] message)
    {
        if (task is not PyTuple { Count: 5 } t || t[0] is not { } job || t[1] is not { } index)
            throw new InvalidDataException($"a pool task is (job, i, func, args, kwds), got {PyTypeNames.Of(task)}");
        if (Plan(t[2], t[3], t[4]) is not { } run)
        {
            var helper = Helper();
            _functions.RanInCpython(NameOf(t[2], t[3]));
            return helper.Run(message);
        }
        object? result;
        try
        {
            result = run();
        }
        catch (Exception error) when (error is not SystemExit)
        {
            return TaskResults.Failure(job, index, error, _wrapException);
        }
        try
        {
            return TaskResults.Success(job, index, result);
        }
        catch (PicklingError error)
        {
            Logging.Debug($"Possible encoding error while sending result: {error.Message}");
            return TaskResults.EncodingError(job, index, error, result);
        }
    }

    /// <summary>How .NET runs the task, or null when a function in it has no port.</summary>
    private Func<object?>? Plan(object? func, object? args, object? kwds)
    {
        if (func is not PyGlobal global) return null;
        if ((global == PoolNames.MapStar || global == PoolNames.StarMapStar)
            && args is PyTuple { Count: 1 } outer && outer[0] is PyTuple { Count: 2 } pair && pair[0] is PyGlobal inner
            && pair[1] is IEnumerable<object?> chunk && Port(inner) is { } chunkMethod)
        {
            var star = global == PoolNames.StarMapStar;
            return () => PortedFunctions.CallEach(chunkMethod, inner, chunk, star);
        }
        if (global.Module == "multiprocessing.pool" || Port(global) is not { } method) return null;
        var kwargs = PortedFunctions.KwargsOf(kwds);
        return () => PortedFunctions.Call(method, global, PortedFunctions.ArgsOf(args), kwargs);
    }

    private MethodInfo? Port(PyGlobal function) => _functions.Port(function);

    private PythonTaskRunner Helper() => _helper ??= _startHelper(_helperInitializer);

    private string NameOf(object? func, object? args) => func switch
    {
        PyGlobal g when (g == PoolNames.MapStar || g == PoolNames.StarMapStar)
            && args is PyTuple { Count: 1 } outer && outer[0] is PyTuple { Count: 2 } pair && pair[0] is PyGlobal inner => _functions.NameOf(inner),
        PyGlobal g => _functions.NameOf(g),
        _ => PyTypeNames.Of(func),
    };

    public void Dispose() => _helper?.Dispose();
}
