namespace PyCompat.Mapping.Tests.Support;

/// <summary>
/// Runs python3 and <c>pycompat run</c> as real child processes, output captured from outside (children write to the
/// inherited fds), both without PYTHONUNBUFFERED, which tears lines that racing processes print (docs/pitfalls.md, "PYTHONUNBUFFERED tears lines").
/// </summary>
public static class Run
{
    /// <summary>The test scripts, copied beside the tests.</summary>
    public static string Scripts { get; } = Path.Combine(AppContext.BaseDirectory, "scripts");

    /// <summary>The book's scripts, copied beside the tests from pyexamples/.</summary>
    public static string BookExamples { get; } = Path.Combine(AppContext.BaseDirectory, "pyexamples");

    /// <summary>pycompat's apphost, beside the tests through the project reference.</summary>
    public static string Pycompat { get; } = Path.Combine(AppContext.BaseDirectory, "pycompat");

    /// <summary>The worker host's apphost, beside pycompat.</summary>
    public static string Worker { get; } = Path.Combine(AppContext.BaseDirectory, "pycompat-worker");

    /// <summary>The test ports' assembly, passed with <c>--targets</c>.</summary>
    public static string TestTargets { get; } = typeof(TestTargets.ArgumentPorts).Assembly.Location;

    /// <summary>The interpreter <c>pycompat run</c> embeds by default (python3 on PATH, past shims): the reference.</summary>
    public static string Python3 => Interpreters.Default.Executable;

    /// <summary>Runs <c>python3 SCRIPT ARGS...</c>.</summary>
    public static Task<RunResult> Python3Async(string script, params string[] args) =>
        ProgramAsync(Python3, [script, .. args]);

    /// <summary>Runs <c>pycompat run OPTIONS... SCRIPT ARGS...</c>.</summary>
    public static Task<RunResult> PycompatAsync(IEnumerable<string> options, string script, IEnumerable<string>? args = null,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        ProgramAsync(Pycompat, ["run", .. options, script, .. args ?? []], environment);

    /// <summary>Runs a program with its output buffered (PYCOMPAT_WORKER and PYCOMPAT_TARGETS only as given).</summary>
    public static Task<RunResult> ProgramAsync(string program, IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        ProgramRunner.RunAsync(program, arguments, environment: environment);

    /// <summary>Asserts the same exit code and the same multiset of stdout lines; <paramref name="actual"/>'s stderr empty.</summary>
    public static void AssertSameLines(RunResult expected, RunResult actual)
    {
        var context = $"\n=== python3\n{expected}\n=== pycompat run --map\n{actual}";
        Assert.True(expected.ExitCode == actual.ExitCode, $"exit codes differ{context}");
        Assert.True(expected.LineMultiset.SequenceEqual(actual.LineMultiset), $"stdout differs{context}");
    }
}

/// <summary>How many children python3 forks running a script: the number of .NET children mapped mode should start.</summary>
public static class Forks
{
    // An audit hook counts os.fork in the parent; a fork child ends with os._exit, so only the parent reports.
    private const string Counter = """
        import os, runpy, sys
        forks = [0]
        sys.addaudithook(lambda event, args: event == "os.fork" and forks.__setitem__(0, forks[0] + 1))
        path = sys.argv[1]
        sys.argv = sys.argv[1:]
        sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
        try:
            runpy.run_path(path, run_name="__main__")
        finally:
            sys.stdout.flush()
            print("forks: %d" % forks[0], file=sys.stderr)
        """;

    public static async Task<int> CountAsync(string script)
    {
        var result = await Run.ProgramAsync(Run.Python3, ["-c", Counter, script]);
        var line = result.StandardError.Split('\n').Last(l => l.StartsWith("forks: ", StringComparison.Ordinal));
        return int.Parse(line["forks: ".Length..]);
    }
}
