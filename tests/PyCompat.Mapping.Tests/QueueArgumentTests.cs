using PyCompat.Mapping.Tests.Support;

namespace PyCompat.Mapping.Tests;

/// <summary>A ported target given a multiprocessing object runs in CPython, which alone can use it.</summary>
public sealed class QueueArgumentTests
{
    [Fact]
    public async Task A_ported_target_given_a_queue_runs_in_cpython_and_the_plain_one_in_dotnet()
    {
        using var launches = new WorkerLaunches();
        var script = Path.Combine(Run.Scripts, "mapped_queue.py");

        var expected = await Run.Python3Async(script);
        var actual = await Run.PycompatAsync(["--map", "--targets", Run.TestTargets], script, environment: launches.Environment);

        Assert.True(actual.ExitCode == 0 && actual.StandardError == "", actual.ToString());
        Assert.Equal(expected.Lines, actual.Lines);
        Assert.Single(launches.Pids); // show() only
    }

    [Fact]
    public async Task Strict_stops_before_a_ported_target_given_a_queue_naming_the_argument()
    {
        using var launches = new WorkerLaunches();
        var script = Path.Combine(Run.Scripts, "mapped_queue.py");

        var actual = await Run.PycompatAsync(["--map", "--strict", "--targets", Run.TestTargets], script, environment: launches.Environment);

        Assert.True(actual.ExitCode == 2, actual.ToString());
        Assert.Contains("has target mapped_queue.put, ported, but passes it a multiprocessing.queues.Queue", actual.StandardError);
        Assert.Empty(launches.Pids);
    }
}
