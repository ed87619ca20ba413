using System.Security.Cryptography;

namespace PyCompat.Multiprocessing;

/// <summary>
/// The per-OS-process state CPython keeps in <c>multiprocessing.process</c>: the current process, its parent, the
/// counter that names children, the set of live children, and the exit-time handler that joins them.
/// </summary>
internal static class ProcessRegistry
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<Process> Children = [];
    private static int _counter;
    private static bool _exitHandlerInstalled;
    private static bool _exiting;

    /// <summary>True once the exit-time handler has begun (CPython's <c>util.is_exiting()</c>).</summary>
    public static bool IsExiting
    {
        get { lock (Gate) return _exiting; }
    }

    public static Process Current { get; private set; } = NewMainProcess();

    public static Process? Parent { get; private set; }

    /// <summary>A main process: its children inherit a fresh random key, as CPython's <c>os.urandom(32)</c> makes one.</summary>
    private static Process NewMainProcess() =>
        new("MainProcess", [], Environment.ProcessId, false, RandomNumberGenerator.GetBytes(32), null, null);

    public static int[] NextIdentity()
    {
        var count = Interlocked.Increment(ref _counter);
        return [.. Current.Identity, count];
    }

    /// <summary>Becomes the process a parent described (in a spawned child, before the target runs).</summary>
    public static void BecomeChild(Process self, Process? parent)
    {
        lock (Gate)
        {
            Current = self;
            Parent = parent;
            _counter = 0;
            Children.Clear();
            _exiting = false;
        }
    }

    public static void AddChild(Process child)
    {
        lock (Gate)
        {
            Children.Add(child);
            if (_exitHandlerInstalled) return;
            _exitHandlerInstalled = true;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => JoinChildrenAtExit();
    }

    /// <summary>
    /// CPython's <c>util.Finalize(obj, callback, exitpriority=N)</c> for N &gt;= 0, as a pool registers its terminate: run at
    /// exit before the daemon children are terminated (so a pool stops replacing its workers first); dispose the
    /// returned handle to unregister it.
    /// </summary>
    public static IDisposable AtExit(Action finalizer)
    {
        lock (Gate) Finalizers.Add(finalizer);
        return new Unregister(finalizer);
    }

    private static readonly List<Action> Finalizers = [];

    private sealed class Unregister(Action finalizer) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate) Finalizers.Remove(finalizer);
        }
    }

    public static void RemoveChild(Process child)
    {
        lock (Gate) Children.Remove(child);
    }

    /// <summary>The children still running, after dropping those that ended (CPython's <c>_cleanup</c>).</summary>
    public static List<Process> ActiveChildren()
    {
        Cleanup();
        lock (Gate) return [.. Children];
    }

    public static void Cleanup()
    {
        List<Process> snapshot;
        lock (Gate) snapshot = [.. Children];
        foreach (var child in snapshot)
            if (child.ExitCode is not null) RemoveChild(child);
    }

    /// <summary>
    /// What CPython's atexit handler (<c>util._exit_function</c>) does: terminate the daemon children, then join every
    /// child, logging as it does (<c>process shutting down</c>, <c>calling join() for process NAME</c>...). Safe to call
    /// more than once: the first call logs the shutdown lines; later ones only join what is left. The process-exit hook
    /// calls it too, so a program that never joins still waits for its children.
    /// </summary>
    public static void JoinChildrenAtExit()
    {
        bool first;
        lock (Gate)
        {
            first = !_exiting;
            _exiting = true;
        }
        if (first)
        {
            Logging.Info("process shutting down");
            Logging.Debug("running all \"atexit\" finalizers with priority >= 0");
        }
        // CPython's order: pools terminate (exitpriority 15) before queues' feeders flush (10).
        List<Action> finalizers;
        lock (Gate)
        {
            finalizers = [.. Finalizers];
            Finalizers.Clear();
        }
        foreach (var finalizer in finalizers) finalizer();
        // Queues' feeders send what they hold and end (priority 10), before the children are waited for...
        Queues.FeederThreads.FlushAll();
        foreach (var child in ActiveChildren().Where(c => c.Daemon))
        {
            Logging.Info($"calling terminate() for daemon {child.Name}");
            child.Terminate();
        }
        foreach (var child in ActiveChildren())
        {
            Logging.Info($"calling join() for process {child.Name}");
            child.Join();
        }
        if (first) Logging.Debug("running the remaining \"atexit\" finalizers");
        // ... and the process waits for them (priority -5), so what it put reaches the pipe before it exits.
        Queues.FeederThreads.JoinAll();
    }
}
