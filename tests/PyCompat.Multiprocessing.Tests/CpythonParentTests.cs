using PyCompat.Multiprocessing.Spawn;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>A plain python3 parent with multiprocessing.set_executable(pycompat-worker): its spawn children run C# ports.</summary>
public sealed class CpythonParentTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Worker => WorkerLocator.Locate() is { Prefix.Length: 0 } w ? w.Executable
        : throw new InvalidOperationException("the tests need the pycompat-worker apphost beside them");

    /// <summary>The generic worker carries no ports: the test's and the book's assemblies are named to it.</summary>
    private static Dictionary<string, string?> TargetsEnv => new()
    {
        ["PYCOMPAT_TARGETS"] = string.Join(Path.PathSeparator,
            Examples.ExampleCatalog.PortAssemblies.Select(a => a.Location).Append(typeof(Targets).Assembly.Location)),
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
        // The same scenario with CPython's own children says what each line must be.
        var reference = await Python.RunAsync([Python.Script("cpython_parent.py"), "-", Python.PyExamples, "behaviour", _temp.Path]);
        var result = await Python.RunAsync(
            [Python.Script("cpython_parent.py"), Worker, Python.PyExamples, "behaviour", _temp.Path], TargetsEnv);

        Assert.True(reference.ExitCode == 0, reference.StandardError);
        Assert.True(result.ExitCode == 0, result.StandardError);
        // Three lines differ on purpose: the child is .NET; a target with no port and an argument the port cannot
        // take fail in the worker, where the Python child runs the Python function.
        Assert.Contains("runtime: python", reference.Lines);
        Assert.Contains("no port: 0", reference.Lines);
        Assert.Contains("bad argument: 0", reference.Lines);
        var expected = reference.Lines
            .Where(line => line != "this has no C# port" && !line.StartsWith("Worker: ", StringComparison.Ordinal))
            .Select(line => line.Split(':')[0] switch
            {
                "runtime" => "runtime: dotnet",
                "no port" => "no port: 1",
                "bad argument" => "bad argument: 1",
                _ => line,
            });
        Assert.Equal(expected, result.Lines);
        Assert.Contains("Process Raiser:\nTraceback (most recent call last):\n", reference.StandardError);
        Assert.Contains("Process Raiser:\nTraceback (most recent call last):\n", result.StandardError);
        Assert.Contains("ValueError: boom\n", result.StandardError);
        Assert.Contains("no C# port of Python target pyports.no_port_anywhere", result.StandardError);
        Assert.Contains("worker() argument 1: cannot convert Python str 'x' to Int32", result.StandardError);
        Assert.DoesNotContain("resource_tracker", result.StandardError);
    }
}
