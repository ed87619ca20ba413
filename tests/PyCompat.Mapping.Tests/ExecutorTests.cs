using PyCompat.Mapping.Tests.Support;

namespace PyCompat.Mapping.Tests;

/// <summary>
/// <c>concurrent.futures.ProcessPoolExecutor</c> under <c>pycompat run --map</c>: its workers are .NET processes
/// speaking CPython's <c>_process_worker</c> loop; ported functions run in .NET, the others in each worker's CPython
/// helper. Expected output is the same interpreter's, run now, for every CPython on the machine.
/// </summary>
public sealed class ExecutorTests
{
    private const string Worker = "concurrent.futures.process._process_worker";

    public static TheoryData<string> Pythons() => Interpreters.AllExecutables();

    [Theory]
    [MemberData(nameof(Pythons))]
    public async Task Submit_map_exceptions_initializers_and_max_tasks_per_child_print_what_the_same_python_prints(string python)
    {
        using var log = new ChildLog();
        var script = Path.Combine(Run.Scripts, "mapped_executor.py");
        var expected = await Run.ProgramAsync(python, [script]);
        var actual = await Run.PycompatAsync(["--python", python, "--map", "--targets", Run.TestTargets], script, environment: log.Environment);

        Assert.True(expected.ExitCode == 0 && expected.StandardError == "", expected.ToString());
        Assert.True(actual.ExitCode == 0 && actual.StandardError == "", actual.ToString());
        Assert.Equal(expected.Lines, actual.Lines);

        // Every executor worker the router saw went to .NET, and each ran there (its own line): 2 + 1, and on 3.11+
        // at least 3 for six tasks at max_tasks_per_child=2. Without the routing there would be none.
        var routed = log.Lines.Count(f => f is [_, "router:dotnet", Worker]);
        Assert.Equal(routed, log.Ports.Count(p => p == Worker));
        Assert.True(routed >= 3, $"{routed} executor workers ran in .NET\n{File.ReadAllText(log.Path)}");
        Assert.DoesNotContain(log.Lines, f => f is [_, "router:cpython", _]);
        foreach (var ported in new[] { "init", "triple", "tagged", "add", "fail", "opaque", "leave" })
            Assert.Contains($"mapped_executor.{ported}", log.Ports);
        Assert.DoesNotContain("mapped_executor.square", log.Ports);
        Assert.Equal(["mapped_executor.raise_unpicklable", "mapped_executor.square", "mapped_executor.tagged_py"],
            log.RanInCpython.Distinct());
        Assert.Empty(await LeftBehind.ProcessesOfAsync(log));
    }

    [Fact]
    public async Task A_worker_killed_mid_task_breaks_the_pool_as_a_cpython_worker_does_and_nothing_is_left_running()
    {
        using var log = new ChildLog();
        var script = Path.Combine(Run.Scripts, "mapped_executor_faults.py");
        var expected = await Run.Python3Async(script);
        var actual = await Run.PycompatAsync(["--map", "--targets", Run.TestTargets], script, environment: log.Environment);

        Assert.True(expected.ExitCode == 0 && expected.StandardError == "", expected.ToString());
        Assert.True(actual.ExitCode == 0 && actual.StandardError == "", actual.ToString());
        Assert.Equal(expected.Lines, actual.Lines);
        Assert.Contains("mapped_executor_faults.stall", log.Ports); // the killed task was running in .NET
        Assert.Contains(log.Lines, f => f is [_, "router:signalled", "-9"]);
        Assert.Empty(await LeftBehind.ProcessesOfAsync(log));
    }

    [Fact]
    public async Task An_initializer_that_raises_is_logged_and_breaks_the_pool_as_in_cpython_ported_or_not()
    {
        using var log = new ChildLog();
        var script = Path.Combine(Run.Scripts, "mapped_executor_initializer.py");
        var expected = await Run.Python3Async(script);
        var actual = await Run.PycompatAsync(["--map", "--targets", Run.TestTargets], script, environment: log.Environment);

        Assert.True(expected.ExitCode == 0 && actual.ExitCode == 0, $"{expected}\n{actual}");
        Assert.Equal(expected.Lines, actual.Lines);
        // The worker's log record: CPython's frames in one, C# frames for the ported initializer in the other.
        static string[] Logged(RunResult run) =>
            [.. run.StandardError.Split('\n').Where(l => l is "Exception in initializer:" || l.StartsWith("ValueError: ", StringComparison.Ordinal))];
        Assert.Equal(["Exception in initializer:", "ValueError: init failed", "Exception in initializer:", "ValueError: init failed"], Logged(expected));
        Assert.Equal(Logged(expected), Logged(actual));
        Assert.Contains("mapped_executor_initializer.init_fails", log.Ports);
        Assert.Equal(2, log.Ports.Count(p => p == Worker));
        Assert.Empty(await LeftBehind.ProcessesOfAsync(log));
    }
}
