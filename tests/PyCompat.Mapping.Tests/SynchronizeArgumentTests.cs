using PyCompat.Mapping.Tests.Support;

namespace PyCompat.Mapping.Tests;

/// <summary>A ported target given a Lock, Event, Condition, Barrier or a standard stream runs in .NET: the child opens the
/// parent's named semaphores and writes to its own stdout.</summary>
[Collection(Alone.Name)]
public sealed class SynchronizeArgumentTests
{
    [Theory]
    [InlineData("multiprocessing_lock.py")]
    [InlineData("multiprocessing_event.py")]
    [InlineData("multiprocessing_condition.py")]
    public async Task The_books_lock_event_and_condition_scripts_run_every_child_in_dotnet_and_print_what_python3_prints(string name)
    {
        using var launches = new WorkerLaunches();
        var script = Path.Combine(Run.BookExamples, name);

        var expected = await Run.Python3Async(script);
        var actual = await Run.PycompatAsync(["--map", "--strict"], script, environment: launches.Environment);

        Run.AssertSameLines(expected, actual);
        Assert.True(actual.StandardError == "", actual.ToString());
        Assert.Equal(await Forks.CountAsync(script), launches.Pids.Count);
    }

    [Fact]
    public async Task A_barrier_passed_to_ported_targets_runs_them_in_dotnet_where_they_pass_it_and_are_broken_as_in_python3()
    {
        var (expected, actual, launches) = await RunTestScriptAsync("mapped_barrier.py");
        Run.AssertSameLines(expected, actual);
        Assert.True(actual.StandardError == "", actual.ToString());
        Assert.Equal(6, launches.Count);
    }

    [Fact]
    public async Task A_parent_that_exits_right_after_start_waits_until_its_dotnet_child_has_opened_the_semaphores_it_passed()
    {
        var (expected, actual, launches) = await RunTestScriptAsync("mapped_exit.py");
        Assert.True(actual.ExitCode == 0 && actual.StandardError == "", actual.ToString());
        Assert.Equal(expected.Lines, actual.Lines);
        Assert.Single(launches);
    }

    /// <summary>Runs one of scripts/ under python3 and under pycompat run --map --strict with the test ports; returns
    /// both results and the pids of the .NET children.</summary>
    private static async Task<(RunResult Expected, RunResult Actual, IReadOnlyList<int> Launches)> RunTestScriptAsync(string name)
    {
        using var launches = new WorkerLaunches();
        var script = Path.Combine(Run.Scripts, name);
        var expected = await Run.Python3Async(script);
        var actual = await Run.PycompatAsync(["--map", "--strict", "--targets", Run.TestTargets], script, environment: launches.Environment);
        return (expected, actual, launches.Pids);
    }
}
