using PyCompat.Golden.Running;

namespace PyCompat.Golden.Modes;

/// <summary>The programs the modes start, found once per check; a missing one makes its modes not applicable.</summary>
/// <param name="Python">The real CPython executable (the pyenv shim costs ~300 ms a call), or null.</param>
/// <param name="PythonVersion">E.g. <c>CPython 3.11.7</c>; or why there is no Python.</param>
/// <param name="Pycompat">How to start <c>pycompat</c>, or null.</param>
/// <param name="PycompatProblem">Why there is no <c>pycompat</c>, when there is none.</param>
/// <param name="Cpus">
/// CPython's <c>os.cpu_count()</c> here, which sizes the book's pools and consumer lists; 0 when unknown.
/// </param>
internal sealed record Tools(CommandSpec? Python, string PythonVersion, CommandSpec? Pycompat, string? PycompatProblem, int Cpus = 0)
{
    private const string Probe =
        "import os, platform, sys; print(os.path.realpath(sys.executable)); print(platform.python_implementation(), platform.python_version()); print(os.cpu_count() or 0)";

    /// <summary>Finds <paramref name="python"/> (e.g. <c>python3</c>) and <c>pycompat</c>.</summary>
    public static async Task<Tools> FindAsync(string python, CancellationToken cancellationToken = default)
    {
        var (pycompat, problem) = PycompatExecutable.Locate();
        var result = await ProcessRunner.RunAsync(new CommandSpec(python, ["-c", Probe], python), Environment.CurrentDirectory,
            TimeSpan.FromSeconds(30), cancellationToken: cancellationToken).ConfigureAwait(false);
        var lines = result.Output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (result.Output.ExitCode != 0 || lines.Length < 2)
        {
            var why = $"'{python}' did not run (exit {result.Output.ExitCode}: {result.Output.Stderr.Trim()})";
            return new Tools(null, why, pycompat, problem);
        }
        var cpus = lines.Length > 2 && int.TryParse(lines[2], out var count) ? count : 0;
        return new Tools(new CommandSpec(lines[0], [], python), lines[1], pycompat, problem, cpus);
    }

    /// <summary>The command for <paramref name="mode"/> on <paramref name="example"/>, or why the tool is missing.</summary>
    public (CommandSpec? Command, string? Problem) CommandFor(Mode mode, string example)
    {
        var tool = mode.Tool == Tool.Python ? Python : Pycompat;
        if (tool is null)
            return (null, mode.Tool == Tool.Python ? PythonVersion : PycompatProblem);
        return (tool.Append([.. mode.ArgumentsFor(example)]), null);
    }
}
