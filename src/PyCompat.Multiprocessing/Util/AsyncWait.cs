using System.Diagnostics;

namespace PyCompat.Multiprocessing;

/// <summary>
/// The one way each <c>...Async</c> wait sits on top of Python's blocking one. What it waits on lives in another
/// process (a POSIX semaphore, a pipe or socket a child writes), which no .NET wait handle or async socket stands for,
/// so the blocking wait runs on a thread of its own (not a thread-pool thread: the other process may take as long as it
/// likes) in slices of <see cref="Slice"/>, and the token is looked at between slices. A slice that succeeds wins over a
/// cancellation that came during it, so nothing acquired or received is lost.
/// </summary>
internal static class AsyncWait
{
    /// <summary>How long one blocking slice waits: how late a cancellation is noticed at most.</summary>
    internal static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(50);

    /// <summary>Runs <paramref name="attempt"/> in slices on a thread of its own until it returns true (true), the
    /// timeout passes (false, the blocking method's answer) or the token is cancelled.</summary>
    internal static Task<bool> Until(Func<TimeSpan, bool> attempt, TimeSpan? timeout, CancellationToken cancellationToken) =>
        Run(() => Loop(attempt, timeout, cancellationToken), cancellationToken);

    /// <summary>The loop of <see cref="Until"/>, on the calling thread.</summary>
    internal static bool Loop(Func<TimeSpan, bool> attempt, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var slice = Slice;
            if (timeout is { } limit)
            {
                var left = limit - clock.Elapsed;
                if (left < slice) slice = left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }
            if (attempt(slice)) return true;
            if (timeout is { } passed && clock.Elapsed >= passed) return false;
        }
    }

    /// <summary>Runs <paramref name="body"/> on a thread of its own; a cancellation it throws cancels the task.</summary>
    internal static Task<T> Run<T>(Func<T> body, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(body, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary><see cref="Run{T}"/> for a body with no result.</summary>
    internal static Task Run(Action body, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(body, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
