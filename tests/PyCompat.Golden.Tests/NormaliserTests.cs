using PyCompat.Golden.Outputs;
using PyCompat.Golden.Policies;

namespace PyCompat.Golden.Tests;

public sealed class NormaliserTests
{
    [Theory]
    [InlineData("<Process name='Process-1' pid=48213 parent=48200 started>", "<Process name='Process-1' pid=<pid> parent=<pid> started>")]
    [InlineData("worker pid: 4242", "worker pid: <pid>")]
    [InlineData("PID 77 ppid 1", "PID <pid> ppid <pid>")]
    public void The_pid_normaliser_replaces_the_number_after_pid_ppid_and_parent(string line, string expected) =>
        Assert.Equal(expected, Normaliser.Pid.Apply(line));

    [Theory]
    [InlineData("Worker: 3")]
    [InlineData("rapid 12 steps")]
    [InlineData("exit code 1")]
    public void The_pid_normaliser_leaves_other_numbers_alone(string line) => Assert.Equal(line, Normaliser.Pid.Apply(line));

    [Theory]
    [InlineData("<function worker at 0x7f3a5c2e1d90>", "<function worker at 0x<address>>")]
    [InlineData("lock 0xDEADBEEF and 0x1", "lock 0x<address> and 0x<address>")]
    public void The_address_normaliser_replaces_hexadecimal_addresses(string line, string expected) =>
        Assert.Equal(expected, Normaliser.Address.Apply(line));

    [Theory]
    [InlineData("ForkPoolWorker-3 did it")]
    [InlineData("SpawnPoolWorker-3 did it")]
    [InlineData("ForkServerPoolWorker-3 did it")]
    public void The_pool_worker_normaliser_makes_a_name_independent_of_the_start_method(string line) =>
        Assert.Equal("PoolWorker-3 did it", Normaliser.PoolWorker.Apply(line));

    [Fact]
    public void The_pool_worker_normaliser_keeps_the_worker_number_and_other_names()
    {
        Assert.Equal("PoolWorker-1 PoolWorker-2", Normaliser.PoolWorker.Apply("ForkPoolWorker-1 SpawnPoolWorker-2"));
        Assert.Equal("Process-1 MainProcess", Normaliser.PoolWorker.Apply("Process-1 MainProcess"));
    }

    [Theory]
    [InlineData("pid=12 at 0x7f00 in ForkPoolWorker-2")]
    [InlineData("parent: 9 pid 10 0xabc SpawnPoolWorker-10")]
    public void Every_normaliser_leaves_its_own_output_alone(string line)
    {
        foreach (var normaliser in Normaliser.All)
        {
            var once = normaliser.Apply(line);
            Assert.NotEqual(line, once);
            Assert.Equal(once, normaliser.Apply(once));
        }
    }

    [Fact]
    public void Two_runs_that_differ_only_in_pids_match_with_the_pid_normaliser_and_differ_without_it()
    {
        var first = new ProgramOutput(0, "started pid=100\n", "");
        var second = new ProgramOutput(0, "started pid=2345\n", "");
        var verbatim = new ExamplePolicy("x", LineOrder.Exact, [], true, null);
        var withPid = verbatim with { Normalisers = [Normaliser.Pid] };

        Assert.False(OutputComparer.Compare(first, second, verbatim, "a", "b").Matches);
        Assert.True(OutputComparer.Compare(first, second, withPid, "a", "b").Matches);
    }

    [Fact]
    public void Every_normaliser_a_policy_can_name_is_found_by_its_name()
    {
        Assert.Equal(["pid", "address", "pool-worker"], Normaliser.All.Select(n => n.Name));
        Assert.All(Normaliser.All, n => Assert.Same(n, Normaliser.Find(n.Name)));
        Assert.Null(Normaliser.Find("time"));
    }
}
