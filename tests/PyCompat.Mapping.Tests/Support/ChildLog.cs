namespace PyCompat.Mapping.Tests.Support;

/// <summary>
/// The worker host's own record of what it ran (<c>PYCOMPAT_CHILD_LOG</c>): one <c>PID module.name</c> line per .NET
/// child, written once the worker has found the port. Only a .NET child writes it, so each line proves one. The
/// router's and a C# parent's own lines (<c>PID router:dotnet ...</c>, <c>PID parent:signalled -15</c>) have three
/// fields and are not the worker's.
/// </summary>
public sealed class ChildLog : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pycompat-children-").FullName;

    /// <summary>The variable the worker host reads.</summary>
    public const string Variable = "PYCOMPAT_CHILD_LOG";

    public string Path => System.IO.Path.Combine(_folder, "children.log");

    /// <summary>The environment that makes the worker host write the log.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { [Variable] = Path };

    /// <summary>Every line as its fields.</summary>
    public IReadOnlyList<string[]> Lines =>
        File.Exists(Path) ? [.. File.ReadAllLines(Path).Select(l => l.Split(' '))] : [];

    /// <summary>The ported Python names the .NET children ran, sorted.</summary>
    public IReadOnlyList<string> Ports =>
        File.Exists(Path)
            ? [.. File.ReadAllLines(Path).Select(l => l.Split(' ')).Where(f => f.Length == 2).Select(f => f[1]).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The functions .NET pool workers passed to their CPython helper (<c>PID pool:cpython module.name</c>), sorted.</summary>
    public IReadOnlyList<string> RanInCpython =>
        File.Exists(Path)
            ? [.. File.ReadAllLines(Path).Select(l => l.Split(' ')).Where(f => f is [_, "pool:cpython", _]).Select(f => f[2]).Order(StringComparer.Ordinal)]
            : [];

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
