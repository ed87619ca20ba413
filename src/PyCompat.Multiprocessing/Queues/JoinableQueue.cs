using PyCompat.Multiprocessing.Reduction;
using PyCompat.Pickling;
using PyCompat.Multiprocessing.Synchronize;
using Semaphore = PyCompat.Multiprocessing.Synchronize.Semaphore;

namespace PyCompat.Multiprocessing.Queues;

/// <summary>
/// CPython's <c>multiprocessing.JoinableQueue(maxsize=0)</c>: a <see cref="Queue"/> that counts unfinished tasks in a
/// semaphore every <see cref="Queue.Put(object?, bool, TimeSpan?)"/> raises and every <see cref="TaskDone"/> lowers, under a
/// <see cref="Condition"/> that <see cref="Join"/> waits on, so a process of either kind can wait for the tasks that
/// processes of both kinds finish. It pickles as CPython's: the queue's state, then <c>(cond, unfinished_tasks)</c>.
/// </summary>
public sealed class JoinableQueue : Queue
{
    internal static new readonly PyGlobal Class = new("multiprocessing.queues", "JoinableQueue");
    private const string StateNames = "(ignore_epipe, maxsize, reader, writer, rlock, wlock, sem, opid, cond, unfinished_tasks)";
    private readonly Semaphore _unfinishedTasks;
    private readonly Condition _cond;

    /// <summary>A new, empty queue of at most <paramref name="maxSize"/> items, with no unfinished task.</summary>
    public JoinableQueue(int maxSize = 0) : base(maxSize)
    {
        _unfinishedTasks = new Semaphore(0);
        _cond = new Condition();
    }

    private JoinableQueue(object?[] state) : base(state[..^2])
    {
        if (state[^2..] is not [Condition cond, Semaphore unfinished]) throw new InvalidDataException($"a queue's state is not {StateNames}");
        (_cond, _unfinishedTasks) = (cond, unfinished);
    }

    /// <summary>A put counts one more unfinished task, under the condition (CPython's <c>with self._notempty, self._cond</c>).</summary>
    private protected override void Buffer(object? item) => Enqueue(item, () =>
    {
        using (_cond.Enter()) _unfinishedTasks.Release();
    });

    /// <summary>Python's <c>task_done()</c>: one task got from the queue is finished; the last one wakes every
    /// <see cref="Join"/>, in any process.</summary>
    /// <exception cref="InvalidOperationException">more calls than items put (Python's ValueError
    /// "task_done() called too many times").</exception>
    public void TaskDone()
    {
        using (_cond.Enter())
        {
            if (!_unfinishedTasks.Acquire(false)) throw new InvalidOperationException("task_done() called too many times");
            if (_unfinishedTasks.GetValue() == 0) _cond.NotifyAll();
        }
    }

    /// <summary>Python's <c>join()</c>: waits until every item put (by any process) has had its <see cref="TaskDone"/>.</summary>
    public void Join()
    {
        using (_cond.Enter())
            if (_unfinishedTasks.GetValue() != 0) _cond.Wait();
    }

    /// <summary>
    /// <see cref="Join"/> for <c>await</c>: completes once every item put has had its <see cref="TaskDone"/>. A thread
    /// of its own (not a thread-pool thread) takes the condition and waits on it in slices of 50 ms, between which
    /// <paramref name="cancellationToken"/> is looked at; a cancelled wait leaves the condition released.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task JoinAsync(CancellationToken cancellationToken = default) => AsyncWait.Run(() =>
    {
        AsyncWait.Loop(slice =>
        {
            using (_cond.Enter())
            {
                if (_unfinishedTasks.GetValue() == 0) return true;
                _cond.Wait(slice); // notified or not, the count says whether every task is done
                return _unfinishedTasks.GetValue() == 0;
            }
        }, null, cancellationToken);
    }, cancellationToken);

    private protected override PyGlobal PythonClass => Class;

    private protected override PyTuple PickledState() => new([.. State(), _cond, _unfinishedTasks]);

    internal override IEnumerable<string> SemaphoreNames => [.. base.SemaphoreNames, .. _cond.SemaphoreNames, _unfinishedTasks.Name];

    private protected override void DisposeSemaphores()
    {
        base.DisposeSemaphores();
        _cond.Dispose();
        _unfinishedTasks.Dispose();
    }

    /// <summary>CPython's <c>JoinableQueue.__setstate__</c>.</summary>
    internal static new JoinableQueue Rebuild(PyObject pickled, ReductionTable table)
    {
        var parts = QueueItems.RebuildState(pickled, table, 10, StateNames);
        try
        {
            return new JoinableQueue(parts);
        }
        catch (InvalidDataException)
        {
            throw QueueItems.BadState(pickled, StateNames);
        }
    }
}
