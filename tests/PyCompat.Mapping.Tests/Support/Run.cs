using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace PyCompat.Mapping.Tests.Support;

/// <summary>What one run of a program printed and how it ended.</summary>
public sealed record RunResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>stdout's lines, in order.</summary>
    public IReadOnlyList<string> Lines => StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>stdout's lines sorted: racing processes print in a different order on every run (PITFALLS 11).</summary>
    public IReadOnlyList<string> LineMultiset => [.. Lines.Order(StringComparer.Ordinal)];

    /// <summary>Both streams and the exit code, for assertion messages.</summary>
    public override string ToString() =>
        $"{Command}\nexit code {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}

/// <summary>
/// Runs python3 and <c>pycompat run</c> as real child processes, output captured from outside (children write to the
/// inherited fds), both without PYTHONUNBUFFERED, which tears lines that racing processes print (PITFALLS 10).
/// </summary>
public static class Run
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

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
    public static string Python3 { get; } = PythonHost.Discovery.PythonLocator.Locate(null).Executable;

    /// <summary>Runs <c>python3 SCRIPT ARGS...</c>.</summary>
    public static Task<RunResult> Python3Async(string script, params string[] args) =>
        ProgramAsync(Python3, [script, .. args]);

    /// <summary>Runs <c>pycompat run OPTIONS... SCRIPT ARGS...</c>.</summary>
    public static Task<RunResult> PycompatAsync(IEnumerable<string> options, string script, IEnumerable<string>? args = null,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        ProgramAsync(Pycompat, ["run", .. options, script, .. args ?? []], environment);

    /// <summary>Runs a program with its output buffered.</summary>
    public static async Task<RunResult> ProgramAsync(string program, IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var command = CliWrap.Cli.Wrap(program)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithWorkingDirectory(AppContext.BaseDirectory)
            .WithEnvironmentVariables(variables =>
            {
                variables.Set("PYTHONUNBUFFERED", null);
                variables.Set("PYCOMPAT_WORKER", null);
                variables.Set("PYCOMPAT_TARGETS", null);
                foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
                    variables.Set(name, value);
            });
        using var cancellation = new CancellationTokenSource(Timeout);
        var result = await command.ExecuteBufferedAsync(Encoding.UTF8, cancellation.Token);
        return new RunResult($"{program} {string.Join(' ', arguments)}", result.ExitCode, result.StandardOutput, result.StandardError);
    }

    /// <summary>Asserts the same exit code and the same multiset of stdout lines; <paramref name="actual"/>'s stderr empty.</summary>
    public static void AssertSameLines(RunResult expected, RunResult actual)
    {
        var context = $"\n=== python3\n{expected}\n=== pycompat run --map\n{actual}";
        Assert.True(expected.ExitCode == actual.ExitCode, $"exit codes differ{context}");
        Assert.True(expected.LineMultiset.SequenceEqual(actual.LineMultiset), $"stdout differs{context}");
    }
}
