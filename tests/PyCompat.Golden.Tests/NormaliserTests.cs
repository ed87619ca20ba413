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

    // One line each normaliser must change, as the book's scripts print it.
    public static TheoryData<string, string, string> Examples => new()
    {
        { "pid", "<Process name='Process-1' pid=48213 parent=48200 started>", "<Process name='Process-1' pid=<pid> parent=<pid> started>" },
        { "address", "Built-in: <map object at 0x7f1df818bfd0>", "Built-in: <map object at 0x<address>>" },
        { "pool-worker", "Starting SpawnPoolWorker-3", "Starting PoolWorker-3" },
        { "name-pid", "Starting: non-daemon 7083", "Starting: non-daemon <pid>" },
        { "traceback-path", "  File \"/usr/lib/python3.11/multiprocessing/process.py\", line 314, in _bootstrap", "  File \".../process.py\", line 314, in _bootstrap" },
        { "traceback-frames", "  File \"/usr/lib/python3.11/multiprocessing/process.py\", line 314, in _bootstrap", "<frame>" },
        { "traceback-frames", "  File \".../MultiprocessingExitCode.cs\", line 25, in Raises", "<frame>" },
        { "traceback-frames", "    raise RuntimeError('There was an error!')", "<frame>" },
        { "dict-order", "Results: {1: 2, 0: 0, 3: 6}", "Results: {0: 0, 1: 2, 3: 6}" },
        { "pool-worker-number", "ForkPoolWorker-2 reading index.rst", "PoolWorker-<n> reading index.rst" },
        { "consumer-number", "Consumer-3: 6 * 6", "Consumer-<n>: 6 * 6" },
        { "active-3", "Activating 4 now running ['0', '4', '1']", "Activating 4 now running [4 and at most 2 others]" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_normaliser_rewrites_what_varies_and_leaves_its_own_output_alone(string name, string line, string expected)
    {
        var normaliser = Normaliser.Find(name)!;
        Assert.Equal(expected, normaliser.Apply(line));
        Assert.Equal(expected, normaliser.Apply(expected));
    }

    [Theory]
    [InlineData("name-pid", "Worker: 3 1234")]
    [InlineData("traceback-path", "File not found: /etc/x.py")]
    [InlineData("traceback-frames", "RuntimeError: There was an error!")]
    [InlineData("traceback-frames", "Traceback (most recent call last):")]
    [InlineData("consumer-number", "Consumer-3: Exiting")]
    [InlineData("active-3", "Activating 4 now running ['0', '1', '2']")]
    [InlineData("active-3", "Now running ['0', '1', '2', '3']")]
    [InlineData("active-3", "Now running ['0', '0']")]
    public void A_normaliser_leaves_a_line_that_breaks_its_invariant_as_it_is(string name, string line) =>
        Assert.Equal(line, Normaliser.Find(name)!.Apply(line));

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
        Assert.Equal(Examples.Select(row => (string)row[0]).Distinct(), Normaliser.All.Select(n => n.Name));
        Assert.All(Normaliser.All, n => Assert.Same(n, Normaliser.Find(n.Name)));
        Assert.Null(Normaliser.Find("time"));
    }
}
