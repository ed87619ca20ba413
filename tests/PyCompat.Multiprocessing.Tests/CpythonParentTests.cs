using PyCompat.Multiprocessing.Spawn;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>A plain python3 parent with multiprocessing.set_executable(pycompat-worker): its spawn children run C# ports.</summary>
public sealed class CpythonParentTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Worker => WorkerLocator.Locate() is { Prefix.Length: 0 } w ? w.Executable
        : throw new InvalidOperationException("the tests need the pycompat-worker apphost beside them");

    private static Dictionary<string, string?> TargetsEnv => new()
    {
        ["PYCOMPAT_TARGETS"] = typeof(Targets).Assembly.Location,
    };

    [Theory]
    [InlineData("multiprocessing_simple")]
    [InlineData("multiprocessing_simpleargs")]
    [InlineData("multiprocessing_import_main")]
    public async Task The_books_unchanged_script_prints_what_python3_prints_with_worker_host_children(string example)
    {
        var reference = await Python.RunAsync([Path.Combine(Python.PyExamples, example + ".py")]);
        var mapped = await Python.RunAsync([Python.Script("cpython_parent.py"), Worker, Python.PyExamples, example], TargetsEnv);

        Assert.Equal(0, reference.ExitCode);
        Assert.True(mapped.ExitCode == 0, mapped.StandardError);
        Assert.Equal(Python.Multiset(reference.StandardOutput), Python.Multiset(mapped.StandardOutput));
        Assert.Equal("", mapped.StandardError);
    }

    [Fact]
    public async Task Exit_codes_pid_is_alive_join_with_timeout_and_terminate_behave_as_with_a_python_child()
    {
        var result = await Python.RunAsync(
            [Python.Script("cpython_parent.py"), Worker, Python.PyExamples, "behaviour", _temp.Path], TargetsEnv);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(
            [
                "pid before start: None",
                "runtime: dotnet",
                "pid matches: True",
                "exitcode: 0",
                "alive after start: True",
                "after join(0.2): None True",
                "after terminate: -15 False",
                "explicit exit: 3",
                "raised: 1",
                "no port: 1",
                "bad argument: 1",
                "instance of a user class: 0 fractions.Fraction",
            ],
            result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Process Raiser:\nTraceback (most recent call last):\n", result.StandardError);
        Assert.Contains("ValueError: boom\n", result.StandardError);
        Assert.Contains("no C# port of Python target pyports.no_port_anywhere", result.StandardError);
        Assert.Contains("worker() argument 1: cannot convert Python str 'x' to Int32", result.StandardError);
        Assert.DoesNotContain("resource_tracker", result.StandardError);
    }
}
