namespace PyCompat.Multiprocessing;

/// <summary>What a .NET user expects of a process on top of Python's: an awaitable join, and a <c>using</c> scope.</summary>
public partial class Process : IDisposable
{
    /// <summary>
    /// Waits asynchronously until the process ends (<see cref="Join(TimeSpan?)"/> without a thread blocked on it); the
    /// exit code is then in <see cref="ExitCode"/>. Cancelling stops the wait, not the process.
    /// </summary>
    /// <exception cref="InvalidOperationException">the process was not started by this process.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public async Task JoinAsync(CancellationToken cancellationToken = default)
    {
        CheckClosed();
        if (ParentPid != Environment.ProcessId) throw new InvalidOperationException("can only join a child process");
        if (_popen is null) throw new InvalidOperationException("can only join a started process");
        await WaitAsync(_popen.Exited, cancellationToken).ConfigureAwait(false);
        Join(TimeSpan.Zero); // reaps it and removes it from the active children, as join() does
    }

    /// <summary>
    /// Releases the process object as <see cref="Close"/> does once the child has ended. A child still running is left
    /// running (as a dropped Python Process object leaves its child), and still joined at exit if it is not a daemon.
    /// </summary>
    public void Dispose()
    {
        GC.SuppressFinalize(this);
        if (_closed || (_popen is not null && _popen.ExitCode is null)) return;
        Close();
    }

    /// <summary>Completes when <paramref name="handle"/> is signalled, or is cancelled with <paramref name="cancellationToken"/>.</summary>
    internal static async Task WaitAsync(WaitHandle handle, CancellationToken cancellationToken)
    {
        var signalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = ThreadPool.RegisterWaitForSingleObject(handle, (_, _) => signalled.TrySetResult(), null,
            Timeout.Infinite, executeOnlyOnce: true);
        try
        {
            await using (cancellationToken.Register(() => signalled.TrySetCanceled(cancellationToken)))
                await signalled.Task.ConfigureAwait(false);
        }
        finally
        {
            registration.Unregister(null);
        }
    }
}
