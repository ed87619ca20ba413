using PyCompat.Mapping.Tests.Support;

namespace PyCompat.Mapping.Tests;

/// <summary>CPython's own pickles carry the arguments to the C# port, whatever their shape.</summary>
public sealed class ArgumentTests
{
    [Fact]
    public async Task A_cpython_parents_arguments_of_every_shape_print_the_same_repr_lines_from_the_csharp_port()
    {
        var script = Path.Combine(Run.Scripts, "mapped_arguments.py");

        var expected = await Run.Python3Async(script);
        var actual = await Run.PycompatAsync(["--map", "--targets", Run.TestTargets], script);

        Assert.True(expected.ExitCode == 0, expected.ToString());
        Assert.True(actual.ExitCode == 0 && actual.StandardError == "", actual.ToString());
        Assert.Equal(expected.Lines, actual.Lines);
        Assert.Contains("1267650600228229401496703205376", actual.Lines); // 2**100: beyond 64 bits
        Assert.Equal("exitcode: 0", actual.Lines[^1]);
    }
}
