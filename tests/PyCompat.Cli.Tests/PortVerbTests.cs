namespace PyCompat.Cli.Tests;

/// <summary>Each port prints what CPython prints running the original, at test time.</summary>
public sealed class PortVerbTests
{
    [Theory]
    [InlineData("multiprocessing_simple")]
    [InlineData("multiprocessing_simpleargs")]
    [InlineData("multiprocessing_import_main")]
    public async Task A_port_prints_the_same_lines_as_python3_runs_the_original(string example)
    {
        var python = await Commands.PythonAsync(Path.Combine(Commands.PyExamples, example + ".py"));
        var port = await Commands.PyCompatAsync("port", example);

        Assert.Equal(0, python.ExitCode);
        Assert.NotEmpty(python.Lines); // every book script prints: two silent runs must not pass as equal
        Assert.True(port.ExitCode == 0, port.StandardError);
        Assert.Equal(Commands.Multiset(python.StandardOutput), Commands.Multiset(port.StandardOutput));
        Assert.Equal(python.StandardError, port.StandardError);
    }

    [Fact]
    public async Task An_unknown_example_names_the_ported_ones_and_exits_2()
    {
        var port = await Commands.PyCompatAsync("port", "no_such_example");
        Assert.Equal(2, port.ExitCode);
        Assert.Contains("no C# port of 'no_such_example'", port.StandardError);
        Assert.Contains("multiprocessing_simpleargs", port.StandardError);
    }
}
