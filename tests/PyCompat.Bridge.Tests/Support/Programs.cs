using PyCompat.PythonHost.Discovery;

namespace PyCompat.Bridge.Tests.Support;

/// <summary>Runs pycompat and python3 as real child processes (PyCompat.Testing's runner), the same interpreter on both sides.</summary>
public static class Programs
{
    /// <summary>Files copied beside the tests.</summary>
    public static string Here(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);

    /// <summary>The CPython pycompat uses without options: python3 on PATH, past shims.</summary>
    public static PythonInstall Python => Interpreters.Default;

    /// <summary>Runs <c>pycompat ARGS</c>, built beside the tests through the project reference.</summary>
    public static Task<RunResult> PycompatAsync(params string[] arguments) =>
        ProgramRunner.RunAsync(Here(OperatingSystem.IsWindows() ? "pycompat.exe" : "pycompat"), arguments);

    /// <summary>Runs the same interpreter pycompat embeds, directly.</summary>
    public static Task<RunResult> Python3Async(params string[] arguments) => ProgramRunner.RunAsync(Python.Executable, arguments);

    /// <summary>Runs any program the same way.</summary>
    public static Task<RunResult> RunAsync(string program, string[] arguments) => ProgramRunner.RunAsync(program, arguments);

    /// <summary>The lines, pids and addresses normalised, sorted: racing processes print in any order (docs/pitfalls.md, "Racing output has no order").</summary>
    public static IReadOnlyList<string> Multiset(string text) => Output.Multiset(text);

    /// <summary>Asserts the same exit code and the same multisets of stdout and stderr lines.</summary>
    public static void AssertSameOutput(RunResult expected, RunResult actual) => Parity.AssertSameOutput(expected, actual);
}
