using PyCompat.Mapping.Tests.Support;

namespace PyCompat.Mapping.Tests;

/// <summary>A ported target given a queue runs in .NET on the parent's pipe and semaphores; one given a multiprocessing
/// object a .NET child cannot rebuild runs in CPython, which alone can use it.</summary>
public sealed class QueueArgumentTests
{
    [Fact]
    public async Task A_ported_target_given_a_queue_runs_in_dotnet_and_the_parent_gets_what_it_put()
    {
        using var launches = new WorkerLaunches();
        var script = Path.Combine(Run.Scripts, "mapped_queue.py");

        var expected = await Run.Python3Async(script);
        var actual = await Run.PycompatAsync(["--map", "--strict", "--targets", Run.TestTargets], script, environment: launches.Environment);

        Assert.True(actual.ExitCode == 0 && actual.StandardError == "", actual.ToString());
        Assert.Equal(expected.Lines, actual.Lines);
        Assert.Equal(2, launches.Pids.Count); // put() and show()
    }

    [Fact]
    public async Task A_ported_target_given_a_shared_value_runs_in_cpython()
    {
        using var launches = new WorkerLaunches();
        var script = Path.Combine(Run.Scripts, "mapped_shared_value.py");

        var expected = await Run.Python3Async(script);
        var actual = await Run.PycompatAsync(["--map", "--targets", Run.TestTargets], script, environment: launches.Environment);

        Assert.True(actual.ExitCode == 0 && actual.StandardError == "", actual.ToString());
        Assert.Equal(expected.Lines, actual.Lines);
        Assert.Empty(launches.Pids);
    }

    [Fact]
    public async Task Strict_stops_before_a_ported_target_given_a_shared_value_naming_the_argument()
    {
        using var launches = new WorkerLaunches();
        var script = Path.Combine(Run.Scripts, "mapped_shared_value.py");

        var actual = await Run.PycompatAsync(["--map", "--strict", "--targets", Run.TestTargets], script, environment: launches.Environment);

        Assert.True(actual.ExitCode == 2, actual.ToString());
        Assert.Contains("has target mapped_shared_value.use, ported, but passes it a multiprocessing.sharedctypes.Synchronized", actual.StandardError);
        Assert.Empty(launches.Pids);
    }
}
