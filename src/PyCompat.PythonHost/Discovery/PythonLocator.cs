using System.Text.RegularExpressions;

namespace PyCompat.PythonHost.Discovery;

/// <summary>
/// Finds the CPython to embed: <c>--python PATH</c> (an interpreter or a libpython), then <c>PYCOMPAT_PYTHON</c>,
/// then <c>PYTHONNET_PYDLL</c>, then <c>python3</c> on PATH; then takes library, home and executable from one probe
/// of that interpreter.
/// </summary>
public static partial class PythonLocator
{
    /// <summary>Finds and checks the interpreter, or throws <see cref="PythonNotFoundException"/>.</summary>
    /// <param name="pythonOption">The value of <c>--python</c>, if given.</param>
    /// <param name="environment">Reads an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> by default.</param>
    public static PythonInstall Locate(string? pythonOption, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var candidate = Choose(pythonOption, environment);
        if (!File.Exists(candidate.Path))
            throw new PythonNotFoundException($"{candidate}: no such file; {PythonNotFoundException.Remedy}");
        var cache = ProbeCache.FromEnvironment(environment);
        return candidate.IsLibrary ? FromLibrary(candidate, environment, cache) : FromInterpreter(candidate, environment, cache);
    }

    /// <summary>The first place, in the documented order, that names a Python.</summary>
    internal static PythonCandidate Choose(string? pythonOption, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(pythonOption))
            return new PythonCandidate(Path.GetFullPath(pythonOption), "--python");
        foreach (var variable in new[] { "PYCOMPAT_PYTHON", "PYTHONNET_PYDLL" })
        {
            var value = environment(variable);
            if (!string.IsNullOrWhiteSpace(value))
                return new PythonCandidate(Path.GetFullPath(value), variable);
        }

        return FindOnPath("python3", environment("PATH")) is { } found
            ? new PythonCandidate(found, "python3 on PATH")
            : throw new PythonNotFoundException(
                $"no python3 on PATH ({environment("PATH") ?? "PATH is not set"}); {PythonNotFoundException.Remedy}");
    }

    private static PythonInstall FromInterpreter(PythonCandidate candidate, Func<string, string?> environment, ProbeCache cache)
    {
        var key = ProbeCache.Key(candidate, environment);
        if (cache.TryGet(key) is { } cached)
            return cached;
        var install = Probe(candidate);
        cache.Put(key, install);
        return install;
    }

    private static PythonInstall Probe(PythonCandidate candidate)
    {
        var answer = InterpreterProbe.Run(candidate);
        var found = $"{candidate} is {answer.Implementation} {string.Join('.', answer.Version)} at {answer.Executable}";
        if (answer.Implementation != "cpython")
            throw new PythonNotFoundException($"{found}, not CPython; {PythonNotFoundException.Remedy}");
        var version = new Version(answer.Version[0], answer.Version[1], answer.Version.ElementAtOrDefault(2));
        if (version < PythonInstall.MinimumVersion)
            throw new PythonNotFoundException($"{found}, older than 3.9; {PythonNotFoundException.Remedy}");
        if (answer.Library is null)
            throw new PythonNotFoundException(
                $"{found}, built without a shared libpython (no --enable-shared); {PythonNotFoundException.Remedy}");
        return new PythonInstall(answer.Executable, answer.Library, answer.Home, version);
    }

    /// <summary>
    /// A libpython was named: probe the interpreter of the same install and insist that its library is this one,
    /// since a library loaded with another install's standard library crashes or fails to start.
    /// </summary>
    private static PythonInstall FromLibrary(PythonCandidate candidate, Func<string, string?> environment, ProbeCache cache)
    {
        var match = LibraryVersion().Match(Path.GetFileName(candidate.Path));
        if (!match.Success)
            throw new PythonNotFoundException(
                $"{candidate} does not look like a libpython3.X shared library; {PythonNotFoundException.Remedy}");

        var interpreterName = $"python{match.Groups[1].Value}";
        var directory = Path.GetDirectoryName(candidate.Path)!;
        var interpreter = new[] { Path.Combine(directory, "..", "bin"), Path.Combine(directory, "..", "..", "bin") }
            .Select(folder => Path.GetFullPath(Path.Combine(folder, interpreterName)))
            .FirstOrDefault(File.Exists)
            ?? FindOnPath(interpreterName, environment("PATH"));
        if (interpreter is null)
            throw new PythonNotFoundException(
                $"{candidate} has no {interpreterName} beside it (looked in ../bin, ../../bin and PATH); " +
                $"pass --python with that install's {interpreterName} instead");

        var install = FromInterpreter(new PythonCandidate(interpreter, $"the interpreter for {candidate.Source}"), environment, cache);
        var library = Path.GetFullPath(ResolveLinks(candidate.Path));
        if (library != install.Library)
            throw new PythonNotFoundException(
                $"{candidate} does not match {install.Executable} (CPython {install.Version}), whose library is " +
                $"{install.Library}; pass --python {install.Executable}, or --python with the interpreter of that library");
        return install;
    }

    private static string ResolveLinks(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    internal static string? FindOnPath(string name, string? path) =>
        (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(file => File.Exists(file) && IsExecutable(file));

    private static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    [GeneratedRegex(@"^libpython(\d+\.\d+)")]
    private static partial Regex LibraryVersion();
}
