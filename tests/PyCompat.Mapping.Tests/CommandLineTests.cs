using PyCompat.Mapping.Tests.Support;

namespace PyCompat.Mapping.Tests;

/// <summary>Mistakes on the command line end the run before the script starts, with one line that says what to do.</summary>
public sealed class CommandLineTests
{
    private static string Simple => Path.Combine(Run.BookExamples, "multiprocessing_simple.py");

    [Fact]
    public async Task A_targets_assembly_that_does_not_exist_is_named()
    {
        var result = await Run.PycompatAsync(["--map", "--targets", "no/such/ports.dll"], Simple);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("pycompat run: --targets ", result.StandardError);
        Assert.Contains("ports.dll: no such file", result.StandardError);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task A_targets_file_that_is_not_an_assembly_is_refused()
    {
        var result = await Run.PycompatAsync(["--map", "--targets", Simple], Simple);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a .NET assembly", result.StandardError);
    }

    [Fact]
    public async Task An_assembly_without_ports_is_refused()
    {
        var noPorts = typeof(CliWrap.Cli).Assembly.Location;

        var result = await Run.PycompatAsync(["--map", $"--targets={noPorts}"], Simple);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("has no static method marked [PyTarget(module, name)]", result.StandardError);
    }

    [Theory]
    [InlineData("--strict")]
    [InlineData("--targets")]
    public async Task Strict_and_targets_go_with_map(string option)
    {
        string[] options = option == "--strict" ? [option] : [option, Run.TestTargets];

        var result = await Run.PycompatAsync(options, Simple);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"pycompat run: {option} goes with --map (pycompat run --map [--targets ASSEMBLY.dll] [--strict] SCRIPT.py)\n",
            result.StandardError);
    }

    [Fact]
    public async Task A_missing_worker_host_is_reported_with_how_to_point_at_one()
    {
        var result = await Run.PycompatAsync(["--map"], Simple,
            environment: new Dictionary<string, string?> { ["PYCOMPAT_WORKER"] = "/nonexistent/pycompat-worker" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("pycompat run: --map: PYCOMPAT_WORKER=/nonexistent/pycompat-worker names no pycompat-worker executable or dll.\n",
            result.StandardError);
    }
}
