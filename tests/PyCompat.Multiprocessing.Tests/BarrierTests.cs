using PyCompat.Multiprocessing.Synchronize;
using Barrier = PyCompat.Multiprocessing.Synchronize.Barrier;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>
/// One Barrier shared by C# and CPython processes: a C# parent's with children of both kinds, and a CPython parent's
/// (python/sync_parent.py) with .NET children and CPython children at once. A CPython child's result is the reference
/// a .NET child's must equal.
/// </summary>
public sealed class BarrierTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private static readonly string[] Kinds = ["dotnet", "python", "dotnet", "python"];
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private List<Process> StartWaiters(Barrier barrier, double? timeout = null)
    {
        var children = Kinds.Select((kind, i) => kind == "dotnet"
            ? new Process(target: BarrierTargets.BarrierWait, args: [barrier, _temp.File($"{kind}{i}"), timeout])
            : new Process(SyncPorts.Target("barrier_wait"), [barrier, _temp.File($"{kind}{i}"), timeout])).ToList();
        foreach (var child in children) child.Start();
        return children;
    }

    private string[] Results(IEnumerable<Process> children)
    {
        foreach (var child in children)
        {
            child.Join(Patience);
            Assert.Equal(0, child.ExitCode);
        }
        return [.. Kinds.Select((kind, i) => File.ReadAllText(_temp.File($"{kind}{i}")))];
    }

    private static void UntilWaiting(Barrier barrier, int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (barrier.NWaiting < count && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Assert.Equal(count, barrier.NWaiting);
    }

    [Fact]
    public void Csharp_and_cpython_children_and_their_csharp_parent_pass_one_barrier_each_with_its_own_index()
    {
        using var barrier = new Barrier(Kinds.Length + 1);
        var children = StartWaiters(barrier);
        var mine = barrier.Wait(Patience);
        var results = Results(children);
        Assert.All(results, r => Assert.EndsWith(" False", r));
        var indexes = results.Select(r => int.Parse(r.Split(' ')[0])).Append(mine).Order();
        Assert.Equal(Enumerable.Range(0, Kinds.Length + 1), indexes);
        Assert.False(barrier.Broken);
        Assert.Equal(0, barrier.NWaiting);
    }

    [Fact]
    public void An_abort_breaks_the_barrier_for_waiters_of_both_kinds_and_for_the_parent()
    {
        using var barrier = new Barrier(Kinds.Length + 1);
        var children = StartWaiters(barrier);
        UntilWaiting(barrier, Kinds.Length);
        barrier.Abort();
        var results = Results(children);
        Assert.Equal("BrokenBarrierError True", results[1]);
        Assert.All(results, r => Assert.Equal(results[1], r));
        Assert.True(barrier.Broken);
        Assert.Throws<BrokenBarrierError>(() => barrier.Wait(0));
        barrier.Reset();
        Assert.False(barrier.Broken);
    }

    [Fact]
    public void A_timeout_in_one_party_breaks_the_barrier_for_all_as_in_cpython()
    {
        using var barrier = new Barrier(Kinds.Length + 1);
        var children = StartWaiters(barrier, timeout: 0.5);
        var results = Results(children);
        Assert.Equal("BrokenBarrierError True", results[1]);
        Assert.All(results, r => Assert.Equal(results[1], r));
        Assert.Throws<BrokenBarrierError>(() => barrier.Wait(60));
    }

    [Theory]
    [InlineData("barrier")]
    [InlineData("barrier-abort")]
    public async Task A_cpython_parents_barrier_is_shared_by_dotnet_and_cpython_children(string scenario)
    {
        var result = await Python.RunAsync([Python.Script("sync_parent.py"), Children.Worker, scenario, _temp.Path],
            new Dictionary<string, string?> { ["PYCOMPAT_TARGETS"] = typeof(BarrierTargets).Assembly.Location });
        Assert.True(result.ExitCode == 0, result.StandardError);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.Contains("exit codes: [0, 0, 0, 0]", lines);
        var children = lines.Where(l => l.StartsWith("dotnet") || l.StartsWith("python")).Select(l => l.Split(' ')).ToList();
        Assert.Equal(4, children.Count);
        if (scenario == "barrier-abort")
        {
            Assert.All(children, c => Assert.Equal(["BrokenBarrierError", "True"], c[1..]));
            return;
        }
        var parent = lines.Single(l => l.StartsWith("parent ")).Split(' ')[1];
        Assert.Equal(Enumerable.Range(0, 5), children.Select(c => int.Parse(c[1])).Append(int.Parse(parent)).Order());
        Assert.All(children, c => Assert.Equal("False", c[2]));
    }

    [Fact]
    public void A_barrier_with_an_action_runs_it_once_per_round_and_refuses_to_travel_to_a_child()
    {
        var rounds = 0;
        using var barrier = new Barrier(2, () => rounds++);
        var other = new Thread(() => barrier.Wait(Patience));
        other.Start();
        barrier.Wait(Patience);
        other.Join();
        Assert.Equal(1, rounds);
        var child = new Process(target: BarrierTargets.BarrierWait, args: [barrier, _temp.File("x"), null]);
        Assert.Throws<PyCompat.Pickling.PicklingError>(child.Start);
    }

    [Fact]
    public void A_thousand_barriers_made_and_used_leave_no_semaphore_no_shared_memory_and_no_open_fd()
    {
        var fdsBefore = Directory.GetFiles("/proc/self/fd").Length;
        var names = new List<string>();
        for (var i = 0; i < 1000; i++)
        {
            using var barrier = new Barrier(1);
            Assert.Equal(0, barrier.Wait(0));
            barrier.Abort();
            Assert.Throws<BrokenBarrierError>(() => barrier.Wait(0));
            barrier.Reset();
            names.AddRange(barrier.SemaphoreNames);
        }
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.DoesNotContain(names, name => File.Exists("/dev/shm/sem." + name[1..]));
        Assert.Empty(Directory.GetFiles("/dev/shm", $"pym-{Environment.ProcessId}-*"));
        // Other tests run beside this one and open a few fds of their own; 1,000 arenas left open would be 1,000 more.
        Assert.InRange(Directory.GetFiles("/proc/self/fd").Length, 0, fdsBefore + 100);
    }
}
