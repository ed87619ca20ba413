using PyCompat.Mapping.Tests.Support;

namespace PyCompat.Mapping.Tests;

/// <summary>
/// A .NET child logs as a CPython child does: the parent's log_to_stderr and level travel in the spawn preparation
/// data, and every line (levels with and without names, the bootstrap and shutdown lines) reads the same.
/// </summary>
public sealed class LoggingTests
{
    [Theory]
    [InlineData("5")]   // SUBDEBUG: everything, "[Level 5/...]" included
    [InlineData("15")]  // a level with no name, between DEBUG and INFO
    [InlineData("0")]   // log_to_stderr(0) sets no level: the effective level is WARNING
    public async Task A_dotnet_childs_log_lines_equal_a_cpython_childs(string level)
    {
        using var children = new ChildLog();
        var script = Path.Combine(Run.Scripts, "mapped_logging.py");

        var expected = await Run.Python3Async(script, level);
        var actual = await Run.PycompatAsync(["--map", "--strict", "--targets", Run.TestTargets], script, [level], children.Environment);

        BookOutput.AssertSame(expected, actual);
        Assert.NotEqual("", expected.StandardError);
        Assert.Equal(["mapped_logging.log_every_level"], children.Ports);
    }
}
