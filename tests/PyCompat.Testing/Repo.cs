using System.Reflection;

namespace PyCompat.Testing;

/// <summary>The repository the tests were built from: the build records its root (Directory.Build.props).</summary>
public static class Repo
{
    /// <summary>The folder holding PyCompat.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The book's scripts.</summary>
    public static string PyExamples => Path.Combine(Root, "pyexamples");

    private static string FindRoot()
    {
        var recorded = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "PyCompat.sln"))) return recorded;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PyCompat.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("cannot find PyCompat.sln above " + AppContext.BaseDirectory);
    }
}
