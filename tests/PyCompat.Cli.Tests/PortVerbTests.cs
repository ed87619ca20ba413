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

    [Fact]
    public async Task A_port_in_an_assembly_named_with_ports_prints_what_python3_prints()
    {
        // The book's port assembly passed as a user's would be: by path, found by its [PyExample] attribute.
        var assembly = Path.Combine(AppContext.BaseDirectory, "PyCompat.Examples.dll");
        var python = await Commands.PythonAsync(Path.Combine(Commands.PyExamples, "multiprocessing_simpleargs.py"));
        var port = await Commands.PyCompatAsync("port", "multiprocessing_simpleargs", "--ports", assembly);

        Assert.True(port.ExitCode == 0, port.StandardError);
        Assert.NotEmpty(python.Lines);
        Assert.Equal(Commands.Multiset(python.StandardOutput), Commands.Multiset(port.StandardOutput));
    }

    [Fact]
    public async Task A_ports_assembly_without_the_script_names_it_and_what_it_has_and_exits_2()
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, "PyCompat.Examples.ImportWorker.dll");
        var port = await Commands.PyCompatAsync("port", "multiprocessing_simple", "--ports", assembly);
        Assert.Equal(2, port.ExitCode);
        Assert.Contains("no C# port of 'multiprocessing_simple' in PyCompat.Examples.ImportWorker.dll", port.StandardError);
        Assert.Contains("[PyExample(\"multiprocessing_simple\")]", port.StandardError);
    }

    [Fact]
    public async Task A_ports_path_that_names_no_file_exits_2_and_says_so()
    {
        var port = await Commands.PyCompatAsync("port", "multiprocessing_simple", "--ports", Path.Combine(AppContext.BaseDirectory, "no-such-ports.dll"));
        Assert.Equal(2, port.ExitCode);
        Assert.Contains("no-such-ports.dll: no such file", port.StandardError);
    }
}
