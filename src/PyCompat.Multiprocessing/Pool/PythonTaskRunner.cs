using PyCompat.Multiprocessing.Posix;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Pooling;

/// <summary>
/// Runs the tasks of a .NET pool worker whose functions have no C# port: a CPython child of the worker (started at
/// the first such task) that runs CPython's own <c>multiprocessing.pool.worker</c> loop over a socket (pool_helper.py).
/// The task goes to it as the pool's parent pickled it and its result comes back as CPython pickled it; the worker
/// passes both on unchanged, so exceptions, tracebacks and unpicklable results are exactly CPython's. The same helper
/// serves a <c>concurrent.futures</c> worker (<see cref="ExecutorWorker"/>): one <c>_CallItem</c> in, the
/// <c>_ResultItem</c> CPython's <c>_process_worker</c> would have written out.
/// </summary>
internal sealed class PythonTaskRunner : IDisposable
{
    private const int HelperFd = 3;
    private static readonly Lazy<string> Code = new(() =>
    {
        using var stream = typeof(PythonTaskRunner).Assembly.GetManifestResourceStream("PyCompat.Multiprocessing.pool_helper.py")
            ?? throw new InvalidOperationException("PyCompat.Multiprocessing lacks its pool_helper.py resource");
        return new StreamReader(stream).ReadToEnd();
    });

    private readonly Connection _connection;
    private readonly ChildProcess _child;

    private PythonTaskRunner(Connection connection, ChildProcess child)
    {
        _connection = connection;
        _child = child;
    }

    /// <summary>The helper's pid.</summary>
    public int Pid => _child.Pid;

    /// <summary>Starts the helper and hands it the worker's preparation data and the initializer it must run.</summary>
    /// <param name="python">The interpreter, the one the pool's parent would spawn.</param>
    /// <param name="preparation">The preparation data's pickle, as the worker's parent wrote it.</param>
    /// <param name="initializer">The setup message (<see cref="InitializerMessage"/>, <see cref="ExecutorSetup"/>).</param>
    public static PythonTaskRunner Start(string python, byte[] preparation, byte[] initializer)
    {
        var (mine, theirs) = Connection.Pipe(duplex: true);
        ChildProcess child;
        try
        {
            child = ChildProcess.Start(python, [python, "-c", Code.Value, HelperFd.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                NativeStringArray.CurrentEnvironment(), [(theirs.Fileno(), HelperFd)], closeWhenReaped: []);
        }
        catch
        {
            mine.Close();
            throw;
        }
        finally
        {
            theirs.Close();
        }
        var runner = new PythonTaskRunner(mine, child);
        mine.SendBytes(preparation);
        mine.SendBytes(initializer);
        return runner;
    }

    /// <summary>The setup of a pool worker's helper for <see cref="Start"/>: <c>multiprocessing.pool.worker</c> runs
    /// there with this initializer (None when .NET ran it).</summary>
    public static byte[] InitializerMessage(object? initializer, object? initargs, bool wrapException) =>
        PyPickle.Dumps(new PyTuple("pool", initializer, initargs ?? PyTuple.Empty, wrapException), Connection.PickleProtocol);

    /// <summary>The setup of a <c>concurrent.futures</c> worker's helper: it runs the initializer (None when .NET ran
    /// it) and <see cref="Initialized"/> tells how that went.</summary>
    public static byte[] ExecutorSetup(object? initializer, object? initargs) =>
        PyPickle.Dumps(new PyTuple("executor", initializer, initargs ?? PyTuple.Empty, false), Connection.PickleProtocol);

    /// <summary>A <c>concurrent.futures</c> helper's answer to its setup: false when the initializer raised (the
    /// helper logged it, as <c>_process_worker</c> does, and ended).</summary>
    public bool Initialized() => PyPickle.Loads(_connection.RecvBytes(), PickleLoadOptions.Trusted) is true;

    /// <summary>Runs one <c>_CallItem</c> (its pickle as the call queue carried it) and returns the <c>_ResultItem</c>
    /// message to put on the result queue, <c>exit_pid</c> set to <paramref name="exitPid"/> when not null.</summary>
    /// <exception cref="EOFError">the helper died during the task, as a CPython worker would have.</exception>
    public byte[] RunCall(byte[] callItem, int? exitPid)
    {
        _connection.SendBytes(callItem);
        _connection.SendBytes(PyPickle.Dumps(exitPid, Connection.PickleProtocol));
        return _connection.RecvBytes();
    }

    /// <summary>Runs one task (its pickle as the inqueue carried it) and returns the result message to put on the outqueue.</summary>
    /// <exception cref="EOFError">the helper died during the task, as a CPython worker would have.</exception>
    public byte[] Run(byte[] task)
    {
        _connection.SendBytes(task);
        return _connection.RecvBytes();
    }

    /// <summary>Ends the helper's loop (end of file) and waits for it to exit, so what it printed is flushed first.</summary>
    public void Dispose()
    {
        _connection.Close();
        _child.Wait(null);
    }
}
