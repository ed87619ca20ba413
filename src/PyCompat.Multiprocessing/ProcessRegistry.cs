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

    private static Process? _current;

    /// <summary>The current process. A main process makes its record (and its random key) at first use, not when the
    /// registry is first touched: a spawned child replaces it at once (<see cref="BecomeChild"/>), and making a key
    /// there loaded the crypto library for nothing, ~5-10 ms of a .NET child's start.</summary>
    public static Process Current
    {
        get => Volatile.Read(ref _current) ?? MakeMainProcess();
        private set => Volatile.Write(ref _current, value);
    }

    public static Process? Parent { get; private set; }

    /// <summary>A main process: its children inherit a fresh random key, as CPython's <c>os.urandom(32)</c> makes one.
    /// Made once: a racing thread gets the record the first one stored.</summary>
    private static Process MakeMainProcess()
    {
        var main = new Process("MainProcess", [], Environment.ProcessId, false, RandomNumberGenerator.GetBytes(32), null, null);
        return Interlocked.CompareExchange(ref _current, main, null) ?? main;
    }

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
        }
        EnsureExitHandler();
    }

    /// <summary>Hooks <see cref="JoinChildrenAtExit"/> to the process's exit, once.</summary>
    public static void EnsureExitHandler()
    {
        lock (Gate)
        {
            if (_exitHandlerInstalled) return;
            _exitHandlerInstalled = true;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => JoinChildrenAtExit();
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
        // Priority 0 and above (a pool's terminate, 15; queue feeders sending what they hold, 10) before the children.
        Finalizers.AtExit.Run(minPriority: 0);
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
        // The rest after them (waiting for the feeders, -5), so what this process put reaches the pipe before it exits.
        Finalizers.AtExit.Run();
    }
}
