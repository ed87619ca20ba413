namespace PyCompat.Cli.Tests;

/// <summary><c>pycompat check</c> sees every mode this pycompat can run, run's options included.</summary>
public sealed class CheckVerbTests
{
    [Fact]
    public async Task Check_runs_the_mapped_mode_and_strict_refuses_none_of_its_cells()
    {
        var result = await Commands.PyCompatAsync("check", "--mode", "mapped", "--strict", "multiprocessing_simpleargs");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("n/a", result.StandardOutput);
        Assert.Contains(": 1 passed, 0 failed, 0 could not run", result.StandardOutput);
    }
}
