using PyCompat.PythonHost.Tests.Support;

namespace PyCompat.PythonHost.Tests;

/// <summary>Output under load and Ctrl-C: nothing lost, nothing left behind, as with python3.</summary>
public sealed class ReliabilityTests
{
    [Fact]
    public async Task Two_hundred_children_printing_a_hundred_lines_each_lose_and_tear_no_line()
    {
        var script = Path.Combine(Runs.Scripts, "mp_load.py");
        var expected = await Runs.Python3Async(script);
        var actual = await Runs.PycompatAsync(script);

        Runs.AssertSameOutput(expected, actual);
        var lines = Output.Multiset(actual.StandardOutput);
        Assert.Equal(200 * 100, lines.Count());
        Assert.Equal(200 * 100, lines.Distinct().Count());
    }

    [Fact]
    public async Task Ctrl_C_gives_the_script_and_its_children_their_KeyboardInterrupt_and_no_child_outlives_the_run()
    {
        var driver = Path.Combine(Runs.Scripts, "sigint_driver.py");
        var script = Path.Combine(Runs.Scripts, "mp_sigint.py");
        var python = Interpreters.Default.Executable;
        var expected = await ProgramRunner.RunAsync(python, [driver, python, script]);
        var actual = await ProgramRunner.RunAsync(python, [driver, Runs.Pycompat, "run", script]);

        Assert.Equal(0, expected.ExitCode);
        Assert.Equal(expected.StandardOutput, actual.StandardOutput);
        Assert.Contains("children left running: 0", actual.StandardOutput);
        Assert.Contains("returncode: -2", actual.StandardOutput);
    }
}
