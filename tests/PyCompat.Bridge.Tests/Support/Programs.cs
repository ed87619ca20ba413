using System.Text;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;
using PyCompat.PythonHost.Discovery;

namespace PyCompat.Bridge.Tests.Support;

/// <summary>What one run of a program printed and how it ended.</summary>
public sealed record RunResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams and the exit code, for assertion messages.</summary>
    public override string ToString() => $"{Command}\nexit code {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}

/// <summary>
/// Runs pycompat and python3 as real child processes, output captured from outside (PITFALLS 8), without
/// PYTHONUNBUFFERED (PITFALLS 10), so both get the same environment.
/// </summary>
public static partial class Programs
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly Lazy<PythonInstall> s_python = new(() => PythonLocator.Locate(null));

    /// <summary>Files copied beside the tests.</summary>
    public static string Here(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);

    /// <summary>The CPython pycompat uses without options: python3 on PATH, past shims.</summary>
    public static PythonInstall Python => s_python.Value;

    /// <summary>Runs <c>pycompat ARGS</c>, built beside the tests through the project reference.</summary>
    public static Task<RunResult> PycompatAsync(params string[] arguments) =>
        RunAsync(Here(OperatingSystem.IsWindows() ? "pycompat.exe" : "pycompat"), arguments);

    /// <summary>Runs the same interpreter pycompat embeds, directly.</summary>
    public static Task<RunResult> Python3Async(params string[] arguments) => RunAsync(Python.Executable, arguments);

    /// <summary>Runs any program the same way.</summary>
    public static async Task<RunResult> RunAsync(string program, string[] arguments)
    {
        var command = CliWrap.Cli.Wrap(program)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithWorkingDirectory(AppContext.BaseDirectory)
            .WithEnvironmentVariables(variables => variables.Set("PYTHONUNBUFFERED", null).Set("PYCOMPAT_TARGETS", null));
        using var cancellation = new CancellationTokenSource(Timeout);
        var result = await command.ExecuteBufferedAsync(Encoding.UTF8, cancellation.Token);
        return new RunResult($"{program} {string.Join(' ', arguments)}", result.ExitCode, result.StandardOutput, result.StandardError);
    }

    /// <summary>The lines of <paramref name="text"/>, pids and addresses normalised, sorted: racing processes print in any order (PITFALLS 11).</summary>
    public static IReadOnlyList<string> Multiset(string text) =>
        text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => Pid().Replace(Address().Replace(line, "0xADDR"), "${name}PID"))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Asserts the same exit code and the same multisets of stdout and stderr lines.</summary>
    public static void AssertSameOutput(RunResult expected, RunResult actual)
    {
        var context = $"\n=== python3\n{expected}\n=== pycompat\n{actual}";
        Assert.True(expected.ExitCode == actual.ExitCode, $"exit codes differ{context}");
        Assert.True(Multiset(expected.StandardOutput).SequenceEqual(Multiset(actual.StandardOutput)), $"stdout differs{context}");
        Assert.True(Multiset(expected.StandardError).SequenceEqual(Multiset(actual.StandardError)), $"stderr differs{context}");
    }

    [GeneratedRegex("0x[0-9a-fA-F]+")]
    private static partial Regex Address();

    [GeneratedRegex(@"(?<name>\bpid[=: ]\s*)\d+", RegexOptions.IgnoreCase)]
    private static partial Regex Pid();
}
