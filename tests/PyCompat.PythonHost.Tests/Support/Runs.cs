namespace PyCompat.PythonHost.Tests.Support;

/// <summary>Runs a script both ways: <c>pycompat run</c> and the same interpreter directly, as python3 would.</summary>
public static class Runs
{
    /// <summary>The folder of the team's test scripts, copied beside the tests.</summary>
    public static string Scripts { get; } = Path.Combine(AppContext.BaseDirectory, "scripts");

    /// <summary>The book's scripts, copied beside the tests from pyexamples/.</summary>
    public static string BookExamples { get; } = Path.Combine(AppContext.BaseDirectory, "pyexamples");

    /// <summary>pycompat's apphost, built beside the tests through the project reference.</summary>
    public static string Pycompat { get; } = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "pycompat.exe" : "pycompat");

    /// <summary>Runs <c>pycompat run [runOptions] script args</c>.</summary>
    public static Task<RunResult> PycompatAsync(string script, IEnumerable<string>? args = null, IEnumerable<string>? runOptions = null,
        string stdin = "", IReadOnlyDictionary<string, string?>? environment = null) =>
        ProgramRunner.RunAsync(Pycompat, ["run", .. runOptions ?? [], script, .. args ?? []], stdin, environment);

    /// <summary>Runs <c>python script args</c> with the given interpreter (the default one when null).</summary>
    public static Task<RunResult> Python3Async(string script, IEnumerable<string>? args = null, string? python = null, string stdin = "") =>
        ProgramRunner.RunAsync(python ?? Interpreters.Default.Executable, [script, .. args ?? []], stdin);

    /// <summary>Asserts the same exit code and the same multisets of stdout and stderr lines.</summary>
    public static void AssertSameOutput(RunResult expected, RunResult actual) => Parity.AssertSameOutput(expected, actual);
}
