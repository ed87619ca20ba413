using Event = PyCompat.Multiprocessing.Synchronize.Event;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>The .NET idioms on top of Python's behaviour: awaiting a child and an event, and <c>using</c> a process.</summary>
public sealed class AsyncTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task JoinAsync_completes_when_the_child_has_exited_with_its_exit_code()
    {
        var p = new Process(target: Targets.ExitWith, args: [7]);
        p.Start();
        await p.JoinAsync().WaitAsync(Children.Patience);
        Assert.Equal(7, p.ExitCode);
        Assert.False(p.IsAlive);
    }

    [Fact]
    public async Task Cancelling_JoinAsync_stops_the_wait_and_leaves_the_child_running()
    {
        var p = new Process(target: Targets.SleepForever);
        p.Start();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => p.JoinAsync(cancel.Token));
        Assert.True(p.IsAlive);
        p.Terminate();
        await p.JoinAsync().WaitAsync(Children.Patience);
        Assert.Equal(-15, p.ExitCode);
    }

    [Fact]
    public async Task WaitAsync_on_an_event_returns_true_once_a_child_sets_it_and_false_after_a_timeout()
    {
        using var @event = new Event();
        Assert.False(await @event.WaitAsync(TimeSpan.FromMilliseconds(100)));

        var path = _temp.File("set");
        var child = new Process(target: SyncTargets.SetEvent, args: [@event, path]);
        child.Start();
        Assert.True(await @event.WaitAsync(Children.Patience));
        await child.JoinAsync().WaitAsync(Children.Patience);
        Assert.Equal(0, child.ExitCode);
        Assert.Equal("set", File.ReadAllText(path));
    }

    [Fact]
    public void Disposing_an_ended_process_closes_it_and_disposing_a_running_one_leaves_it_running()
    {
        var ended = new Process(target: Targets.DoNothing);
        ended.Start();
        ended.Join(Children.Patience);
        ended.Dispose();
        Assert.Throws<InvalidOperationException>(() => ended.IsAlive);

        var running = new Process(target: Targets.SleepForever);
        using (running) running.Start();
        Assert.True(running.IsAlive);
        running.Kill();
        running.Join(Children.Patience);
        Assert.Equal(-9, running.ExitCode);
    }
}
