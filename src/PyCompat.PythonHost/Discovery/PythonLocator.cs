using PyCompat.Multiprocessing.Discovery;

namespace PyCompat.PythonHost.Discovery;

/// <summary>
/// Finds the CPython to embed: the one <see cref="PythonChoice"/> names (<c>--python PATH</c>, then
/// <c>PYCOMPAT_PYTHON</c>, then <c>PYTHONNET_PYDLL</c>, then <c>python3</c> on PATH, each an interpreter or a libpython),
/// then takes library, home and executable from one probe of that interpreter.
/// </summary>
public static class PythonLocator
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
    internal static PythonCandidate Choose(string? pythonOption, Func<string, string?> environment) =>
        PythonChoice.Choose(pythonOption, environment)
            ?? throw new PythonNotFoundException(
                $"no python3 on PATH ({environment("PATH") ?? "PATH is not set"}); {PythonNotFoundException.Remedy}");

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
        var interpreterName = PythonChoice.InterpreterName(candidate.Path)
            ?? throw new PythonNotFoundException(
                $"{candidate} does not look like a libpython3.X shared library; {PythonNotFoundException.Remedy}");
        var interpreter = PythonChoice.InterpreterOf(candidate.Path, environment);
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
}
