using PyCompat.Golden.Checking;
using PyCompat.Golden.Modes;
using PyCompat.Golden.Running;

namespace PyCompat.Golden.Tests;

/// <summary>A mapped or port cell passes only when the child log proves that .NET ran the ports.</summary>
public sealed class ChildLogTests
{
    [Fact]
    public void The_log_counts_worker_lines_and_router_lines_apart_and_ignores_torn_ones()
    {
        var log = ChildLog.Parse("101 m.worker\n102 router:dotnet m.worker\n103 router:cpython m.worker\n10\nnot a line\n104 m.worker\n");
        Assert.Equal([(101, "m.worker"), (104, "m.worker")], log.Dotnet);
        Assert.Equal([(102, "m.worker")], log.RoutedToDotnet);
        Assert.Equal([(103, "m.worker")], log.PortedInCpython);
    }

    [Theory]
    [InlineData("", "no process ran in .NET")]
    [InlineData("7 router:dotnet m.w\n", "never ran its port")]
    [InlineData("7 router:dotnet m.w\n7 router:signalled 0\n", "never ran its port")]
    [InlineData("7 router:dotnet m.w\n7 m.w\n8 router:cpython m.w\n", "has a C# port but ran in CPython")]
    public void A_mapped_run_without_proof_that_every_ported_process_ran_in_dotnet_has_a_problem(string text, string problem) =>
        Assert.Contains(problem, ChildLog.Parse(text).ProblemForMapped(), StringComparison.Ordinal);

    [Fact]
    public void A_worker_host_a_signal_ended_before_its_port_ran_is_accounted_for_in_both_modes()
    {
        Assert.Null(ChildLog.Parse("7 router:dotnet m.w\n7 router:signalled -15\n").ProblemForMapped());
        Assert.Null(ChildLog.Parse("7 parent:dotnet Process-1\n7 parent:signalled -15\n").ProblemForPort());
        Assert.Contains("never ran its port", ChildLog.Parse("7 parent:dotnet Process-1\n").ProblemForPort(), StringComparison.Ordinal);
        Assert.Contains("1 process started in .NET and ended by a signal", ChildLog.Parse("7 router:dotnet m.w\n7 router:signalled -15\n").Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapped_run_whose_routed_processes_all_ran_in_dotnet_has_none() =>
        Assert.Null(ChildLog.Parse("7 router:dotnet m.w\n8 router:dotnet m.w\n8 m.w\n7 m.w\n").ProblemForMapped());

    [Fact]
    public async Task A_mapped_cell_whose_script_ran_entirely_in_CPython_fails_even_though_its_output_matches()
    {
        // Told that mapped mode applies to a script with no port at all (the queue example, its worker renamed so no
        // port matches): the run prints the golden, but in CPython only.
        using var copy = Repository.CopyExamples();
        var script = Path.Combine(copy.Examples, "multiprocessing_queue.py");
        var source = File.ReadAllText(script).Replace("worker", "unported_worker", StringComparison.Ordinal);
        Assert.Contains("target=unported_worker", source, StringComparison.Ordinal);
        File.WriteAllText(script, source);
        var check = new GoldenCheck(ExampleSet.Load(copy.Examples), await Tools.FindAsync("python3"),
            (_, _) => Availability.Available, TimeSpan.FromSeconds(60));

        var result = await check.CheckAsync("multiprocessing_queue", Mode.Mapped);

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Equal("", result.Diff);
        Assert.Contains("the output matches, but no process ran in .NET", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mapped_cell_fails_when_a_ported_target_ran_in_CPython_and_names_it()
    {
        // One of the five workers is given a shared Value, which only a CPython child can use: the router runs it there.
        using var copy = Repository.CopyExamples();
        var script = Path.Combine(copy.Examples, "multiprocessing_simpleargs.py");
        var source = File.ReadAllText(script);
        source = source.Replace("def worker(num):", "def worker(num, queue=None):", StringComparison.Ordinal)
            .Replace("args=(i,))", "args=(i,), kwargs={'queue': multiprocessing.Value('i', 0)} if i == 0 else {})", StringComparison.Ordinal);
        Assert.Contains("kwargs=", source, StringComparison.Ordinal);
        File.WriteAllText(script, source);
        var check = new GoldenCheck(ExampleSet.Load(copy.Examples), await Tools.FindAsync("python3"), null, TimeSpan.FromSeconds(60));

        var result = await check.CheckAsync("multiprocessing_simpleargs", Mode.Mapped);

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Equal("", result.Diff);
        Assert.Matches(@"pid \d+ \(multiprocessing_simpleargs\.worker\) has a C# port but ran in CPython", result.Reason);
    }

    [Fact]
    public async Task A_mapped_cell_that_passes_says_how_many_processes_ran_in_dotnet()
    {
        var check = new GoldenCheck(ExampleSet.Load(Repository.Examples), await Tools.FindAsync("python3"), null, TimeSpan.FromSeconds(60));

        var result = await check.CheckAsync("multiprocessing_simpleargs", Mode.Mapped);

        Assert.True(result.Passed, $"{result.Reason}\n{result.Diff}");
        Assert.Equal("5 processes ran in .NET (multiprocessing_simpleargs.worker)", result.Reason);
    }
}
