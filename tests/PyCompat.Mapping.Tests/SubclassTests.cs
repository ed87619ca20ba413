using PyCompat.Mapping.Tests.Support;

namespace PyCompat.Mapping.Tests;

/// <summary>A CPython Process subclass whose class has a C# port runs that port in .NET, its __dict__ become the C# object's fields.</summary>
public sealed class SubclassTests
{
    private static string Script => Path.Combine(Run.Scripts, "mapped_subclass.py");

    [Fact]
    public async Task The_ported_subclass_gets_the_instances_state_name_and_daemon_flag_and_prints_what_python3_prints()
    {
        using var children = new ChildLog();

        var expected = await Run.Python3Async(Script);
        var actual = await Run.PycompatAsync(["--map", "--strict", "--targets", Run.TestTargets], Script, environment: children.Environment);

        BookOutput.AssertSame(expected, actual);
        Assert.Equal(["mapped_subclass.Counter", "mapped_subclass.Counter", "mapped_subclass.Counter"], children.Ports);
    }

    [Fact]
    public async Task A_subclass_without_a_port_stays_in_cpython_beside_the_ported_ones()
    {
        using var children = new ChildLog();

        var expected = await Run.Python3Async(Script, "--with-unported");
        var actual = await Run.PycompatAsync(["--map", "--targets", Run.TestTargets], Script, ["--with-unported"], children.Environment);

        BookOutput.AssertSame(expected, actual);
        Assert.Equal(3, children.Ports.Count);
    }

    [Fact]
    public async Task Strict_mode_stops_before_a_subclass_without_a_port_and_says_how_to_port_it()
    {
        var actual = await Run.PycompatAsync(["--map", "--strict", "--targets", Run.TestTargets], Script, ["--with-unported"]);

        Assert.Equal(2, actual.ExitCode);
        Assert.Contains("runs NotPorted.run(), which has no C# port", actual.StandardError);
        Assert.Contains("[PyClass(\"mapped_subclass\", \"NotPorted\")]", actual.StandardError);
    }
}
