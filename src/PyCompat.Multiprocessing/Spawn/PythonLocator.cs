using System.Diagnostics;
using PyCompat.Multiprocessing.Discovery;

namespace PyCompat.Multiprocessing.Spawn;

/// <summary>
/// Finds the CPython that runs Python targets, as <see cref="PythonChoice"/> defines it (<c>PYCOMPAT_PYTHON</c>, then
/// <c>PYTHONNET_PYDLL</c>, then <c>python3</c> on PATH; a libpython stands for its install's interpreter), resolved
/// once past any shim (a pyenv shim costs hundreds of milliseconds a start).
/// </summary>
internal static class PythonLocator
{
    /// <summary>Names the interpreter (or its libpython) to use instead of <c>python3</c> on PATH.</summary>
    public const string EnvironmentVariable = PythonChoice.PythonVariable;

    private static readonly Lazy<string> Resolved = new(() => Resolve(Environment.GetEnvironmentVariable));

    /// <summary>The real interpreter executable.</summary>
    /// <exception cref="FileNotFoundException">no interpreter was found; the message says what to set.</exception>
    public static string Executable() => Resolved.Value;

    /// <summary>The interpreter <paramref name="environment"/> names, past shims and symlinks.</summary>
    internal static string Resolve(Func<string, string?> environment)
    {
        const string Remedy = $"set {EnvironmentVariable} to a CPython interpreter or its libpython3.X.so";
        var candidate = PythonChoice.Choose(null, environment)
            ?? throw new FileNotFoundException($"cannot find CPython: no python3 on PATH; install python3 or {Remedy}.");
        if (!File.Exists(candidate.Path))
            throw new FileNotFoundException($"cannot find CPython: {candidate} does not exist; {Remedy}.");
        var interpreter = !candidate.IsLibrary ? candidate.Path
            : PythonChoice.InterpreterOf(candidate.Path, environment)
              ?? throw new FileNotFoundException(
                  $"cannot find CPython: {candidate} has no {PythonChoice.InterpreterName(candidate.Path) ?? "python3.X"} beside it " +
                  $"(looked in ../bin, ../../bin and PATH); {Remedy} of that install.");
        var start = new ProcessStartInfo(interpreter, ["-I", "-c", "import os, sys; print(os.path.realpath(sys.executable))"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var probe = System.Diagnostics.Process.Start(start)!;
        var real = probe.StandardOutput.ReadToEnd().Trim();
        probe.WaitForExit();
        return probe.ExitCode == 0 && File.Exists(real) ? real : interpreter;
    }
}
