using PyCompat.Multiprocessing.Hosting;
using PyCompat.Multiprocessing.Reduction;
using PyCompat.Multiprocessing.Synchronize;
using Lock = PyCompat.Multiprocessing.Synchronize.Lock;

namespace PyCompat.Multiprocessing.Queues;

/// <summary>
/// CPython's <c>Queue._feed</c> thread: it takes the items <see cref="Queue.Put(object?, bool, TimeSpan?)"/> buffered, pickles each and writes
/// it to the pipe under the write lock, so <c>Put</c> never waits for the pipe. A sentinel (<see cref="Close"/>) makes
/// it close this process's ends of the pipe and end once the items before it are sent; the exit's sentinel
/// (<see cref="Flush"/>) only ends it, so a queue still open starts a new feeder if the program puts again. A pickling
/// error drops the item, gives its place in the queue back and prints a traceback, as CPython's feeder does.
/// </summary>
internal sealed class FeederThread
{
    private static readonly object CloseSentinel = new();
    private static readonly object FlushSentinel = new();
    private readonly System.Collections.Generic.Queue<object?> _buffer = new();
    private readonly object _notEmpty = new();
    private readonly Connection _reader;
    private readonly Connection _writer;
    private readonly Lock? _wlock;
    private readonly BoundedSemaphore _sem;
    private readonly bool _ignoreEpipe;
    private readonly Thread _thread;
    private readonly Finalizer _flushAtExit;
    private readonly Finalizer _joinAtExit;
    private bool _stopping;

    public FeederThread(Connection reader, Connection writer, Lock? wlock, BoundedSemaphore sem, bool ignoreEpipe)
    {
        (_reader, _writer, _wlock, _sem, _ignoreEpipe) = (reader, writer, wlock, sem, ignoreEpipe);
        _thread = new Thread(Feed) { IsBackground = true, Name = "QueueFeederThread" };
        Logging.Debug("Queue._start_thread()");
        // CPython's _finalize_close (priority 10: before the children are joined, the feeder sends what it holds and
        // ends, but the pipe stays open, since a program that joins its children before its end may put again) and
        // _finalize_join (-5: after them, the process waits for the feeder, so what it put reaches the pipe).
        _flushAtExit = Finalizers.AtExit.Register(Flush, exitPriority: 10);
        _joinAtExit = Finalizers.AtExit.Register(() => { if (JoinAtExit) Join(); }, exitPriority: -5);
        Logging.Debug("doing self._thread.start()");
        _thread.Start();
        Logging.Debug("... done self._thread.start()");
    }

    /// <summary>Whether the process's exit waits for this thread (false after <c>CancelJoinThread</c>).</summary>
    public bool JoinAtExit { get; set; } = true;

    /// <summary>Buffers <paramref name="item"/> for the thread; <paramref name="whileHeld"/> runs under the buffer's lock
    /// (a JoinableQueue counts the task there). False, and nothing done, once the thread has been told to end.</summary>
    public bool TryAdd(object? item, Action? whileHeld = null)
    {
        lock (_notEmpty)
        {
            if (_stopping) return false;
            whileHeld?.Invoke();
            Append(item);
            return true;
        }
    }

    /// <summary>CPython's <c>_finalize_close</c>: the thread sends what is buffered, then closes the pipe and ends.</summary>
    public void Close() => Stop(CloseSentinel);

    /// <summary>At exit: the thread sends what is buffered and ends, leaving the pipe open.</summary>
    public void Flush() => Stop(FlushSentinel);

    private void Stop(object sentinel)
    {
        lock (_notEmpty)
        {
            if (_stopping) return;
            _stopping = true;
            Logging.Debug("telling queue thread to quit");
            Append(sentinel);
        }
    }

    private void Append(object? item)
    {
        _buffer.Enqueue(item);
        Monitor.Pulse(_notEmpty);
    }

    /// <summary>CPython's <c>_finalize_join</c>: waits for the thread to end.</summary>
    public void Join()
    {
        Logging.Debug("joining queue thread");
        _thread.Join();
        Logging.Debug("... queue thread joined");
    }

    private void Feed()
    {
        try
        {
            FeedUntilSentinel();
        }
        finally
        {
            _flushAtExit.Dispose();
            _joinAtExit.Dispose();
        }
    }

    private void FeedUntilSentinel()
    {
        Logging.Debug("starting thread to feed data to pipe");
        while (true)
        {
            lock (_notEmpty)
                while (_buffer.Count == 0) Monitor.Wait(_notEmpty);
            while (TryTake(out var item))
            {
                if (ReferenceEquals(item, CloseSentinel) || ReferenceEquals(item, FlushSentinel))
                {
                    Logging.Debug("feeder thread got sentinel -- exiting");
                    if (ReferenceEquals(item, CloseSentinel))
                    {
                        _reader.Close();
                        _writer.Close();
                    }
                    return;
                }
                try
                {
                    Send(ForkingPickler.Dumps(item));
                }
                catch (Exception error)
                {
                    if (_ignoreEpipe && error is OSError { Errno: 32 }) return;
                    // Resources may go away under a daemon thread while the process cleans up: ignore errors then.
                    if (ProcessRegistry.IsExiting)
                    {
                        Logging.Info($"error in queue thread: {error.Message}");
                        return;
                    }
                    // The item never reached the pipe: give its place back, as if it had been taken.
                    _sem.Release();
                    Console.Error.Write(PythonTraceback.Format(error));
                }
            }
        }
    }

    private bool TryTake(out object? item)
    {
        lock (_notEmpty) return _buffer.TryDequeue(out item);
    }

    private void Send(byte[] message)
    {
        if (_wlock is null)
        {
            _writer.SendBytes(message);
            return;
        }
        using (_wlock.Enter())
            _writer.SendBytes(message);
    }
}
