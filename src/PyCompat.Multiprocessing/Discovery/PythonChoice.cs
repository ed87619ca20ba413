using System.Text.RegularExpressions;
using PyCompat.Multiprocessing.Spawn;

namespace PyCompat.Multiprocessing.Discovery;

/// <summary>
/// Which CPython PyCompat uses, with one meaning everywhere (the embedded runner and the Python children of C#
/// parents): <c>--python</c> where a command has it, then <c>PYCOMPAT_PYTHON</c>, then <c>PYTHONNET_PYDLL</c>, then
/// <c>python3</c> on PATH. Each names a CPython interpreter or its <c>libpython3.X.so</c>; a relative path is taken
/// from the current folder; a blank value counts as unset.
/// </summary>
internal static partial class PythonChoice
{
    /// <summary>Names the CPython to use: an interpreter or its shared libpython.</summary>
    public const string PythonVariable = "PYCOMPAT_PYTHON";

    /// <summary>Python.NET's own variable for the libpython to load; honoured after <see cref="PythonVariable"/>.</summary>
    public const string LibraryVariable = "PYTHONNET_PYDLL";

    /// <summary>The first place, in the documented order, that names a Python; null when none does.</summary>
    /// <param name="pythonOption">The value of a <c>--python</c> option, if the command has one.</param>
    /// <param name="environment">Reads an environment variable.</param>
    public static PythonCandidate? Choose(string? pythonOption, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(pythonOption))
            return new PythonCandidate(Path.GetFullPath(pythonOption), "--python");
        foreach (var variable in new[] { PythonVariable, LibraryVariable })
            if (environment(variable) is { } value && !string.IsNullOrWhiteSpace(value))
                return new PythonCandidate(Path.GetFullPath(value), variable);
        return PathSearch.Find("python3", environment("PATH")) is { } found ? new PythonCandidate(found, "python3 on PATH") : null;
    }

    /// <summary>
    /// The interpreter of the install a libpython belongs to, <c>python3.X</c> in <c>../bin</c> or <c>../../bin</c>
    /// of the library's folder, else on PATH; null when there is none.
    /// </summary>
    /// <param name="library">A path whose file name starts with <c>libpython3.X</c>.</param>
    /// <param name="environment">Reads an environment variable (PATH).</param>
    public static string? InterpreterOf(string library, Func<string, string?> environment) =>
        InterpreterName(library) is { } name
            ? new[] { Path.Combine(Path.GetDirectoryName(library)!, "..", "bin"), Path.Combine(Path.GetDirectoryName(library)!, "..", "..", "bin") }
                .Select(folder => Path.GetFullPath(Path.Combine(folder, name)))
                .FirstOrDefault(File.Exists)
                ?? PathSearch.Find(name, environment("PATH"))
            : null;

    /// <summary><c>python3.X</c> for a <c>libpython3.X...</c> file name; null when the name is not a libpython's.</summary>
    public static string? InterpreterName(string library) =>
        LibraryVersion().Match(Path.GetFileName(library)) is { Success: true } match ? $"python{match.Groups[1].Value}" : null;

    [GeneratedRegex(@"^libpython(\d+\.\d+)")]
    private static partial Regex LibraryVersion();
}
