using PyCompat.Multiprocessing.Hosting;

namespace PyCompat.Multiprocessing;

/// <summary>
/// CPython's <c>util._finalizer_registry</c> with <c>util.Finalize(obj, callback, exitpriority=N)</c> and
/// <c>util._run_finalizers</c>: callbacks run in one order, highest priority first and, within a priority, the one
/// registered last first. The exit handler (<see cref="ProcessRegistry.JoinChildrenAtExit"/>) runs those of
/// <see cref="AtExit"/> with priority 0 and above before it terminates the daemon children and joins the others, and
/// the rest after. The priorities CPython uses, which this process uses too: a pool's terminate 15, a queue's feeder
/// sending what it holds 10, waiting for that feeder -5.
/// </summary>
internal sealed class Finalizers
{
    private readonly Lock _gate = new();
    // Ordered so the next to run is the last element: many live proxies each hold one registration.
    private readonly SortedSet<Finalizer> _registry = new(Comparer<Finalizer>.Create((a, b) => a.CompareTo(b)));
    private long _counter;

    /// <summary>This process's registry, run at exit.</summary>
    public static Finalizers AtExit { get; } = new();

    /// <summary>Registers <paramref name="callback"/> to run once, at <see cref="Run"/> or earlier through the handle.</summary>
    public Finalizer Register(Action callback, int exitPriority)
    {
        // CPython's exit function is registered when multiprocessing.util is imported: whatever registers here is run.
        if (ReferenceEquals(this, AtExit)) ProcessRegistry.EnsureExitHandler();
        lock (_gate)
        {
            var finalizer = new Finalizer(this, callback, exitPriority, ++_counter);
            _registry.Add(finalizer);
            return finalizer;
        }
    }

    /// <summary>
    /// CPython's <c>_run_finalizers(minpriority)</c>: runs every callback whose priority is at least
    /// <paramref name="minPriority"/> (every one when null), highest first, each removed before it runs. A callback that
    /// throws is reported on stderr as a traceback and the others still run, as at CPython's exit.
    /// </summary>
    public void Run(int? minPriority = null)
    {
        while (Next(minPriority) is { } finalizer)
        {
            try
            {
                finalizer.Callback();
            }
            catch (Exception error)
            {
                Console.Error.Write(PythonTraceback.Format(error));
            }
        }
    }

    internal bool Remove(Finalizer finalizer)
    {
        lock (_gate) return _registry.Remove(finalizer);
    }

    // One at a time, so a callback that registers another (a feeder started by a pool's last put) is still seen.
    private Finalizer? Next(int? minPriority)
    {
        lock (_gate)
        {
            if (_registry.Count == 0 || _registry.Max is not { } best) return null;
            if (minPriority is not null && best.ExitPriority < minPriority) return null;
            _registry.Remove(best);
            return best;
        }
    }
}

/// <summary>One registered callback of <see cref="Finalizers"/> (CPython's <c>util.Finalize</c> object).</summary>
internal sealed class Finalizer : IDisposable
{
    private readonly Finalizers _owner;
    private readonly long _sequence;

    internal Finalizer(Finalizers owner, Action callback, int exitPriority, long sequence) =>
        (_owner, Callback, ExitPriority, _sequence) = (owner, callback, exitPriority, sequence);

    internal Action Callback { get; }

    /// <summary>The priority at exit: higher runs first; 0 and above run before the children are joined.</summary>
    public int ExitPriority { get; }

    /// <summary>Orders by priority, then by registration: the greatest runs first.</summary>
    internal int CompareTo(Finalizer other) => (ExitPriority, _sequence).CompareTo((other.ExitPriority, other._sequence));

    /// <summary>Runs the callback now unless it already ran or was cancelled (CPython's <c>Finalize.__call__</c>).</summary>
    public void Run()
    {
        if (_owner.Remove(this)) Callback();
    }

    /// <summary>Cancels the callback without running it (CPython's <c>Finalize.cancel</c>).</summary>
    public void Dispose() => _owner.Remove(this);
}
