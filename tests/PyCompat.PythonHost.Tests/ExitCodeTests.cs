using PyCompat.PythonHost.Tests.Support;

namespace PyCompat.PythonHost.Tests;

/// <summary>How a script ends: the exit code and stderr python3 gives for the same ending.</summary>
public sealed class ExitCodeTests
{
    [Fact]
    public async Task A_script_that_raises_prints_pythons_traceback_and_exits_1()
    {
        var script = Path.Combine(Runs.Scripts, "raises.py");
        var expected = await Runs.Python3Async(script);
        var actual = await Runs.PycompatAsync(script);
        Assert.Equal(1, actual.ExitCode);
        Assert.Equal(expected.StandardError, actual.StandardError); // exactly: no frame of the runner in it
        Assert.Equal(expected.StandardOutput, actual.StandardOutput);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3")]
    [InlineData("256")]
    [InlineData("-1")]
    [InlineData("none")]
    [InlineData("message")]
    [InlineData("interrupt")]
    public async Task Sys_exit_and_KeyboardInterrupt_give_python3s_exit_code_and_message(string how)
    {
        var script = Path.Combine(Runs.Scripts, "exits.py");
        var expected = await Runs.Python3Async(script, [how]);
        var actual = await Runs.PycompatAsync(script, [how]);
        Assert.Equal(expected.ExitCode, actual.ExitCode);
        Assert.Equal(expected.StandardError, actual.StandardError);
        Assert.Equal(expected.StandardOutput, actual.StandardOutput);
    }

    [Fact]
    public async Task A_missing_script_gets_python3s_message_and_exit_code_2()
    {
        var actual = await Runs.PycompatAsync(Path.Combine(Runs.Scripts, "no_such_script.py"));
        Assert.Equal(2, actual.ExitCode);
        Assert.Contains("can't open file", actual.StandardError);
    }
}
