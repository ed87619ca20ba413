namespace PyCompat.Mapping.Tests.Support;

/// <summary>
/// The worker host's own record of what it ran (<c>PYCOMPAT_CHILD_LOG</c>): one <c>PID module.name</c> line per .NET
/// child, written once the worker has found the port. Only a .NET child writes it, so each line proves one.
/// </summary>
public sealed class ChildLog : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pycompat-children-").FullName;

    public string Path => System.IO.Path.Combine(_folder, "children.log");

    /// <summary>The environment that makes the worker host write the log.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["PYCOMPAT_CHILD_LOG"] = Path };

    /// <summary>The ported Python names the .NET children ran, sorted.</summary>
    public IReadOnlyList<string> Ports =>
        File.Exists(Path) ? [.. File.ReadAllLines(Path).Where(l => l.Length > 0).Select(l => l.Split(' ', 2)[1]).Order(StringComparer.Ordinal)] : [];

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
