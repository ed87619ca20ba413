using PyCompat.Mapping.Tests.Support;

namespace PyCompat.Mapping.Tests;

/// <summary>Output under load in mapped mode: 200 .NET children at once, every line whole and once.</summary>
[Collection(Alone.Name)]
public sealed class LoadTests
{
    [Fact]
    public async Task Two_hundred_mapped_children_printing_a_hundred_lines_each_lose_and_tear_no_line()
    {
        using var launches = new WorkerLaunches();
        var script = Path.Combine(Run.Scripts, "mp_load.py");

        var expected = await Run.Python3Async(script);
        var actual = await Run.PycompatAsync(["--map", "--targets", Run.TestTargets], script, environment: launches.Environment);

        Assert.True(actual.ExitCode == 0 && actual.StandardError == "", actual.ToString()[..Math.Min(2000, actual.ToString().Length)]);
        Assert.Equal(200, launches.Pids.Count);
        Assert.Equal(200 * 100, actual.Lines.Count);
        Assert.Equal(200 * 100, actual.Lines.Distinct().Count());
        Assert.True(expected.LineMultiset.SequenceEqual(actual.LineMultiset), "stdout differs from python3's");
    }
}
