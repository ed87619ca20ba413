using PyCompat.Mapping.Tests.Support;

namespace PyCompat.Mapping.Tests;

/// <summary>Ported targets run in .NET, the others in CPython as usual, in the same run.</summary>
public sealed class MixedTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("spawn")]
    [InlineData("forkserver")]
    public async Task Targets_without_a_port_and_queues_run_in_cpython_beside_the_ported_ones_and_pool_workers_in_dotnet(string? startMethod)
    {
        using var launches = new WorkerLaunches();
        var script = Path.Combine(Run.Scripts, "mapped_mixed.py");
        string[] options = startMethod is null ? ["--map", "--targets", Run.TestTargets]
            : ["--start-method", startMethod, "--map", "--targets", Run.TestTargets];

        var expected = await Run.Python3Async(script);
        var actual = await Run.PycompatAsync(options, script, environment: launches.Environment);

        Assert.True(actual.StandardError == "", actual.ToString());
        var lines = actual.LineMultiset;
        if (startMethod is not null)
        {
            // The one line that names the start method says the one the run was given, as python3 would.
            Assert.Contains($"start method: {startMethod}", lines);
            lines = [.. lines.Select(l => l == $"start method: {startMethod}" ? "start method: fork" : l).Order(StringComparer.Ordinal)];
        }

        Assert.True(expected.LineMultiset.SequenceEqual(lines), $"stdout differs\n{expected}\n{actual}");
        Assert.Equal(0, actual.ExitCode);
        // The three `ported` processes, and the Pool's two workers (.NET workers; its `square` runs in their CPython helpers).
        Assert.Equal(5, launches.Pids.Count);
    }

    [Fact]
    public async Task Under_the_pythonnet_engine_ported_targets_run_in_dotnet_and_the_others_under_its_forkserver()
    {
        using var launches = new WorkerLaunches();
        var script = Path.Combine(Run.Scripts, "mapped_mixed.py");

        var expected = await Run.Python3Async(script);
        var actual = await Run.PycompatAsync(["--engine", "pythonnet", "--map", "--targets", Run.TestTargets], script,
            environment: launches.Environment);

        Assert.True(actual.ExitCode == 0 && actual.StandardError == "", actual.ToString());
        var lines = actual.LineMultiset.Select(l => l == "start method: forkserver" ? "start method: fork" : l).Order(StringComparer.Ordinal);
        Assert.True(expected.LineMultiset.SequenceEqual(lines), $"stdout differs\n{expected}\n{actual}");
        Assert.Equal(5, launches.Pids.Count);
    }

    [Fact]
    public async Task Strict_stops_the_run_before_the_first_target_without_a_port_naming_it_and_the_attribute_to_add()
    {
        using var launches = new WorkerLaunches();
        var script = Path.Combine(Run.Scripts, "mapped_mixed.py");

        var actual = await Run.PycompatAsync(["--map", "--strict", "--targets", Run.TestTargets], script, environment: launches.Environment);

        Assert.True(actual.ExitCode == 2, actual.ToString());
        Assert.Equal(
            "pycompat run --strict: stopped before starting Process-4: it has target mapped_mixed.not_ported, which has " +
            "no C# port; mark a static C# method with [PyTarget(\"mapped_mixed\", \"not_ported\")] and pass its assembly " +
            "with --targets\n",
            actual.StandardError);
        Assert.Equal(["ported: 0", "ported: 1", "ported: 2"], actual.LineMultiset);
        Assert.Equal(3, launches.Pids.Count);
    }
}
