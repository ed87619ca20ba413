using PyCompat.PythonHost.Tests.Support;

namespace PyCompat.PythonHost.Tests;

/// <summary>
/// The script runs inside the .NET process that was started, with CPython loaded as a library: a runner that started
/// python3 as a child would print the same output in every parity test, but not this.
/// </summary>
public sealed class ProcessIdentityTests
{
    [Theory]
    [InlineData("capi")]
    [InlineData("pythonnet")]
    public async Task The_script_runs_in_the_pycompat_process_itself_with_libpython_mapped_into_it(string engine)
    {
        var result = await Runs.PycompatAsync(Path.Combine(Runs.Scripts, "identity.py"), runOptions: ["--engine", engine]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Lines;
        Assert.Contains($"pid {result.ProcessId}", lines);
        Assert.Contains($"exe {Real(Runs.Pycompat)}", lines);
        Assert.Contains($"libpython {Real(Interpreters.Default.Library)}", lines);
    }

    [Fact]
    public async Task The_same_script_under_python3_shows_the_interpreter_so_the_test_above_can_tell_them_apart()
    {
        var result = await Runs.Python3Async(Path.Combine(Runs.Scripts, "identity.py"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"pid {result.ProcessId}", result.Lines);
        Assert.Contains($"exe {Real(Interpreters.Default.Executable)}", result.Lines);
        Assert.DoesNotContain($"exe {Real(Runs.Pycompat)}", result.Lines);
    }

    private static string Real(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
}
