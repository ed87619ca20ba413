using System.Reflection;

namespace PyCompat.Golden.Tests;

/// <summary>Where the repository's examples live, and scratch copies of them that a test may change.</summary>
internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string Examples => Path.Combine(Root, "pyexamples");

    public static string Golden(string name) => Path.Combine(Examples, "golden", name + ".txt");

    /// <summary>The pycompat program built beside the tests.</summary>
    public static string Pycompat => Path.Combine(AppContext.BaseDirectory, "pycompat");

    /// <summary>
    /// A copy of <c>pyexamples/</c> (scripts, goldens, policy file) and of the book, laid out as in the repository, so a
    /// test can run <c>--update</c> or edit a script without touching the working tree.
    /// </summary>
    public static ScratchCopy CopyExamples()
    {
        var root = Directory.CreateTempSubdirectory("pycompat-golden-tests-").FullName;
        CopyFolder(Examples, Path.Combine(root, "pyexamples"));
        CopyFolder(Path.Combine(Root, "docs", "book"), Path.Combine(root, "docs", "book"));
        return new ScratchCopy(root);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) != "__pycache__"))
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
    }
}

/// <summary>A temporary copy of the examples, deleted when disposed.</summary>
internal sealed class ScratchCopy(string root) : IDisposable
{
    public string Root => root;

    public string Examples => Path.Combine(root, "pyexamples");

    /// <summary>Every file under the copy, by relative path, with its bytes (caches left out).</summary>
    public Dictionary<string, byte[]> Snapshot() => Directory.GetFiles(root, "*", SearchOption.AllDirectories)
        .Where(f => !f.Contains("__pycache__", StringComparison.Ordinal))
        .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);

    public void Dispose() => Directory.Delete(root, recursive: true);
}
