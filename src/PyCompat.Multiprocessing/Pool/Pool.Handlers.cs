using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Pooling;

// The pool's three threads and its end, as Pool._handle_workers, _handle_tasks, _handle_results and _terminate_pool
// of CPython's multiprocessing/pool.py run them.
public sealed partial class Pool
{
    /// <summary><c>_repopulate_pool_static</c>: brings the pool back up to <c>processes</c> workers.</summary>
    private void Repopulate()
    {
        lock (_pool)
            for (var i = _pool.Count; i < _processes; i++)
            {
                var worker = new Process(PoolWorker.Target,
                    [_inqueue, _outqueue, _initializer, new PyTuple(_initargs), _maxTasksPerChild, true], daemon: true)
                { ChildAssemblies = _assemblies };
                // CPython: w.name = w.name.replace('Process', 'PoolWorker'); a .NET child is always spawned.
                worker.Name = worker.Name.Replace("Process", "SpawnPoolWorker", StringComparison.Ordinal);
                worker.Start();
                _pool.Add(worker);
                Logging.Debug("added worker");
            }
    }

    /// <summary><c>_join_exited_workers</c>: whether any worker had ended (after maxtasksperchild tasks, or killed).</summary>
    private bool JoinExitedWorkers()
    {
        var cleaned = false;
        lock (_pool)
            for (var i = _pool.Count - 1; i >= 0; i--)
                if (_pool[i].ExitCode is not null)
                {
                    Logging.Debug($"cleaning up worker {i}");
                    _pool[i].Join();
                    _pool.RemoveAt(i);
                    cleaned = true;
                }
        return cleaned;
    }

    private void HandleWorkers()
    {
        while (_workerHandlerState == State.Run || (!_cache.IsEmpty && _workerHandlerState != State.Terminate))
        {
            if (JoinExitedWorkers() && _workerHandlerState != State.Terminate) Repopulate();
            WaitHandle[] handles = [_changed, .. Workers.Select(w => w.Sentinel)];
            WaitHandle.WaitAny(handles.Length > 64 ? handles[..64] : handles);
        }
        _taskqueue.Add(null);
        Logging.Debug("worker handler exiting");
    }

    private void HandleTasks()
    {
        foreach (var entry in _taskqueue.GetConsumingEnumerable())
        {
            if (entry is not var (tasks, setLength)) break;
            var last = -1;
            var stopped = false;
            foreach (var task in tasks)
            {
                if (_taskHandlerState != State.Run)
                {
                    Logging.Debug("task handler found thread._state != RUN");
                    stopped = true;
                    break;
                }
                last = (int)task[1]!;
                try
                {
                    _inqueue.Put(task);
                }
                catch (Exception error) when (error is PicklingError or InvalidOperationException)
                {
                    // CPython: cache[job]._set(idx, (False, e)): an argument that cannot be pickled fails its own task.
                    if (_cache.TryGetValue((long)task[0]!, out var job)) job.Set(last, false, error);
                }
            }
            if (stopped) break;
            setLength?.Invoke(last + 1);
        }
        try
        {
            // Tell the result handler to finish when the cache is empty, and the workers that there is no more work.
            _outqueue.Put(null);
            foreach (var _ in Workers) _inqueue.Put(null);
        }
        catch (OSError)
        {
            Logging.Debug("task handler got OSError when sending sentinels");
        }
        Logging.Debug("task handler exiting");
    }

    private void HandleResults()
    {
        while (true)
        {
            if (!TryGetResult(out var message)) return;
            if (_resultHandlerState != State.Run) break;
            if (message is null) break;
            Dispatch(message);
        }
        while (!_cache.IsEmpty && _resultHandlerState != State.Terminate)
        {
            if (!TryGetResult(out var message)) return;
            if (message is not null) Dispatch(message);
        }
        Logging.Debug($"result handler exiting: len(cache)={_cache.Count}, thread._state={_resultHandlerState.ToString().ToUpperInvariant()}");
    }

    private bool TryGetResult(out object? message)
    {
        try
        {
            message = _outqueue.Get();
            return true;
        }
        catch (Exception error) when (error is OSError or EOFError)
        {
            Logging.Debug("result handler got EOFError/OSError -- exiting");
            message = null;
            return false;
        }
    }

    private void Dispatch(object message)
    {
        if (message is PyTuple { Count: 3 } result && result[2] is PyTuple { Count: 2 } outcome
            && _cache.TryGetValue(System.Convert.ToInt64(result[0]), out var job))
            job.Set(System.Convert.ToInt32(result[1]), outcome[0] is true, outcome[1]);
    }

    /// <summary><c>_terminate_pool</c>: stops the handlers and the workers, in CPython's order, so nothing hangs.</summary>
    private void TerminatePool()
    {
        Logging.Debug("finalizing pool");
        _workerHandlerState = State.Terminate;
        _changed.Set();
        _taskHandlerState = State.Terminate;
        // The task handler may be blocked writing to a full inqueue: make room until it has finished.
        _inqueue.DrainWhile(() => _taskHandler.IsAlive);
        _resultHandlerState = State.Terminate;
        _changed.Set();
        _outqueue.Put(null);
        _workerHandler.Join();
        foreach (var p in Workers.Where(p => p.ExitCode is null)) p.Terminate();
        _taskHandler.Join();
        _resultHandler.Join();
        foreach (var p in Workers) p.Join();
    }
}
