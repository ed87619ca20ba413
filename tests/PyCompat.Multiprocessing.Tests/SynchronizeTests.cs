using PyCompat.Multiprocessing.Synchronize;
using PyCompat.Pickling;
using Lock = PyCompat.Multiprocessing.Synchronize.Lock;
using Semaphore = PyCompat.Multiprocessing.Synchronize.Semaphore;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>
/// Locks, events, conditions and semaphores shared by C# and CPython processes: a C# parent's with children of both
/// kinds, and a CPython parent's (python/sync_parent.py) with .NET children and CPython children at once.
/// </summary>
public sealed class SynchronizeTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Task<RunResult> CpythonParent(string scenario, string temp) =>
        Python.RunAsync([Python.Script("sync_parent.py"), Children.Worker, scenario, temp],
            new Dictionary<string, string?> { ["PYCOMPAT_TARGETS"] = typeof(SyncTargets).Assembly.Location });

    private static List<Process> StartBoth(Delegate dotnet, string python, Func<string, object?[]> args)
    {
        var children = new List<Process>
        {
            new(dotnet, args("dotnet")),
            new(SyncPorts.Target(python), args("python")),
        };
        foreach (var child in children) child.Start();
        return children;
    }

    [Fact]
    public void Csharp_and_cpython_children_of_a_csharp_parent_lose_none_of_10000_increments_under_one_lock()
    {
        var path = _temp.File("counter");
        File.WriteAllText(path, "0");
        using var @lock = new Lock();
        var children = new List<Process>();
        for (var i = 0; i < 2; i++)
        {
            children.Add(new Process(target: SyncTargets.Increment, args: [@lock, path, 2500]));
            children.Add(new Process(SyncPorts.Target("increment"), [@lock, path, 2500]));
        }
        foreach (var child in children) child.Start();
        Children.JoinAll(children);
        Assert.Equal("10000", File.ReadAllText(path));
    }

    [Fact]
    public async Task Dotnet_and_cpython_children_of_a_cpython_parent_lose_none_of_10000_increments_under_one_lock()
    {
        var result = await CpythonParent("increment", _temp.Path);
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(["exit codes: [0, 0, 0, 0]", "counter: 10000"], result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_csharp_event_wakes_waiters_of_both_kinds_as_it_wakes_cpythons()
    {
        using var @event = new Event();
        using var ready = new Semaphore(0);
        var children = StartBoth(SyncTargets.WaitEvent, "wait_event", kind => [@event, ready, _temp.File(kind)]);
        for (var i = 0; i < children.Count; i++) Assert.True(ready.Acquire(true, 60));
        @event.Set();
        Children.JoinAll(children);
        Assert.Equal("True True", File.ReadAllText(_temp.File("python")));
        Assert.Equal(File.ReadAllText(_temp.File("python")), File.ReadAllText(_temp.File("dotnet")));
    }

    [Fact]
    public void A_csharp_condition_notifies_waiters_of_both_kinds()
    {
        using var cond = new Condition();
        using var ready = new Semaphore(0);
        var children = StartBoth(SyncTargets.WaitCondition, "wait_condition", kind => [cond, ready, _temp.File(kind)]);
        // Each child releases `ready` holding the condition's lock, so once we hold it both are inside wait().
        for (var i = 0; i < children.Count; i++) Assert.True(ready.Acquire(true, 60));
        using (cond.Enter()) cond.NotifyAll();
        Children.JoinAll(children);
        Assert.Equal("True", File.ReadAllText(_temp.File("python")));
        Assert.Equal("True", File.ReadAllText(_temp.File("dotnet")));
    }

    [Theory]
    [InlineData("event")]
    [InlineData("condition")]
    public async Task A_cpython_parents_event_and_condition_wake_dotnet_and_cpython_waiters(string scenario)
    {
        var result = await CpythonParent(scenario, _temp.Path);
        Assert.True(result.ExitCode == 0, result.StandardError);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("exit codes: [0, 0]", lines[0]);
        Assert.StartsWith("python True", lines[2]);
        Assert.Equal(lines[2]["python".Length..], lines[1]["dotnet".Length..]);
    }

    [Fact]
    public void Timeouts_return_false_in_csharp_children_as_in_cpython_children()
    {
        using var @lock = new Lock();
        using var @event = new Event();
        Assert.True(@lock.Acquire());
        var children = StartBoth(SyncTargets.TryAcquire, "try_acquire", kind => [@lock, @event, _temp.File(kind)]);
        Children.JoinAll(children);
        Assert.Equal("False False", File.ReadAllText(_temp.File("python")));
        Assert.Equal(File.ReadAllText(_temp.File("python")), File.ReadAllText(_temp.File("dotnet")));
        Assert.False(@lock.Acquire(true, 0.05));
        Assert.False(@lock.Acquire(false));
        @lock.Release();
    }

    [Fact]
    public async Task Timeouts_of_a_cpython_parents_lock_and_event_return_false_in_dotnet_children()
    {
        var result = await CpythonParent("timeout", _temp.Path);
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(["exit codes: [0, 0]", "dotnet False False", "python False False"],
            result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("dotnet")]
    [InlineData("python")]
    public void A_child_killed_while_holding_a_lock_leaves_it_held(string kind)
    {
        using var @lock = new Lock();
        using var ready = new Semaphore(0);
        var child = kind == "dotnet"
            ? new Process(target: SyncTargets.HoldForever, args: [@lock, ready])
            : new Process(SyncPorts.Target("hold_forever"), [@lock, ready]);
        child.Start();
        Assert.True(ready.Acquire(true, 60));
        child.Kill();
        child.Join(Children.Patience);
        Assert.Equal(-9, child.ExitCode);
        Assert.False(@lock.Acquire(false));
    }

    [Fact]
    public void A_thousand_create_and_use_cycles_leave_no_semaphore_in_dev_shm()
    {
        var names = new List<string>();
        for (var i = 0; i < 1000; i++)
        {
            using var @lock = new Lock();
            using var rlock = new RLock();
            using var bounded = new BoundedSemaphore(2);
            using var @event = new Event();
            using (@lock.Enter()) using (rlock.Enter()) using (rlock.Enter()) Assert.True(bounded.Acquire(false));
            bounded.Release();
            @event.Set();
            Assert.True(@event.Wait(0));
            using var condition = new Condition();
            using (condition.Enter()) Assert.False(condition.Wait(0));
            names.AddRange([@lock.Name, rlock.Name, bounded.Name, .. @event.SemaphoreNames, .. condition.SemaphoreNames]);
        }
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, name => Assert.Matches("^/mp-[a-z0-9_]{8}$", name));
        Assert.DoesNotContain(names, name => File.Exists("/dev/shm/sem." + name[1..]));
    }

    [Fact]
    public async Task A_lock_whose_semaphore_does_not_exist_fails_in_a_dotnet_child_with_a_clear_error()
    {
        var dead = new PyObject(new PyGlobal("multiprocessing.synchronize", "Lock"), PyTuple.Empty,
            new PyTuple(0L, 1, 1, "/mp-gone0000"));
        var result = await WorkerFeed.RunAsync(SyncTargets.UseLock, [dead]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FileNotFoundError: cannot open the semaphore /mp-gone0000 a parent passed: it does not exist", result.StandardError);
    }

    [Fact]
    public async Task Misuse_fails_with_cpythons_messages()
    {
        var reference = await Python.RunAsync(["-c", """
            import multiprocessing as mp
            for make in (mp.Lock, mp.BoundedSemaphore, mp.RLock):
                try:
                    make().release()
                except Exception as e:
                    print(type(e).__name__, e)
            """]);
        using var @lock = new Lock();
        using var bounded = new BoundedSemaphore();
        using var rlock = new RLock();
        var ours = new[] { Assert.Throws<SemaphoreFullException>(@lock.Release), Assert.Throws<SemaphoreFullException>(bounded.Release),
            (Exception)Assert.Throws<SynchronizationLockException>(rlock.Release) };
        var names = new[] { "ValueError", "ValueError", "AssertionError" };
        Assert.Equal(reference.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            ours.Select((e, i) => $"{names[i]} {e.Message}"));
    }
}
