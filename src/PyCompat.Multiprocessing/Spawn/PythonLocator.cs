using System.Diagnostics;

namespace PyCompat.Multiprocessing.Spawn;

/// <summary>
/// Finds the CPython that runs Python targets: <c>PYCOMPAT_PYTHON</c>, else <c>python3</c> on PATH, resolved once past
/// any shim (a pyenv shim costs hundreds of milliseconds a start).
/// </summary>
public static class PythonLocator
{
    /// <summary>Names the interpreter (an executable) to use instead of <c>python3</c> on PATH.</summary>
    public const string EnvironmentVariable = "PYCOMPAT_PYTHON";

    private static readonly Lazy<string> Resolved = new(Resolve);

    /// <summary>The real interpreter executable.</summary>
    /// <exception cref="FileNotFoundException">no interpreter was found; the message says what to set.</exception>
    public static string Executable() => Resolved.Value;

    private static string Resolve()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var candidate = !string.IsNullOrEmpty(configured) ? configured : PathSearch.Find("python3");
        if (candidate is null || !File.Exists(candidate))
            throw new FileNotFoundException(
                $"cannot find CPython: {(configured is { Length: > 0 } ? $"{EnvironmentVariable}={configured} does not exist" : "no python3 on PATH")}. " +
                $"Install python3 or set {EnvironmentVariable} to an interpreter.");
        var start = new ProcessStartInfo(candidate, ["-I", "-c", "import os, sys; print(os.path.realpath(sys.executable))"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var probe = System.Diagnostics.Process.Start(start)!;
        var real = probe.StandardOutput.ReadToEnd().Trim();
        probe.WaitForExit();
        return probe.ExitCode == 0 && File.Exists(real) ? real : candidate;
    }
}
