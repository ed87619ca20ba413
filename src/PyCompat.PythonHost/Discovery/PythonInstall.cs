namespace PyCompat.PythonHost.Discovery;

/// <summary>
/// One CPython installation as a single probe of its interpreter reported it: the shared library to load, the
/// home (<c>sys.base_prefix</c>) and the real executable (past shims and symlinks), never mixed from two installs.
/// </summary>
/// <param name="Executable">The real interpreter binary; it becomes <c>sys.executable</c> and starts the children.</param>
/// <param name="Library">The shared libpython (<c>libpython3.X.so.1.0</c>) that the runner loads.</param>
/// <param name="Home">The interpreter's <c>sys.base_prefix</c>, where its standard library lives.</param>
/// <param name="Version">The interpreter's version (major, minor, micro).</param>
public sealed record PythonInstall(string Executable, string Library, string Home, Version Version)
{
    /// <summary>The oldest CPython the runner supports.</summary>
    public static Version MinimumVersion { get; } = new(3, 9);

    /// <inheritdoc />
    public override string ToString() => $"CPython {Version} at {Executable} (library {Library})";
}
