using System.Diagnostics;
using PyCompat.PythonHost.Discovery;

namespace PyCompat.Testing;

/// <summary>The CPython installs on this machine, found at run time (never a path written into the tests).</summary>
public static class Interpreters
{
    private static readonly Lazy<PythonInstall> s_default = new(() => PythonLocator.Locate(null));
    private static readonly Lazy<IReadOnlyList<PythonInstall>> s_all = new(FindAll);

    /// <summary>What <c>pycompat run</c> uses without options: python3 on PATH, resolved past shims.</summary>
    public static PythonInstall Default => s_default.Value;

    /// <summary>Every CPython 3.9+ with a shared libpython: pyenv's versions and python3.X on PATH.</summary>
    public static IReadOnlyList<PythonInstall> All => s_all.Value;

    /// <summary>The executables of <see cref="All"/>, for theories.</summary>
    public static TheoryData<string> AllExecutables()
    {
        var data = new TheoryData<string>();
        foreach (var install in All)
            data.Add(install.Executable);
        return data;
    }

    private static IReadOnlyList<PythonInstall> FindAll()
    {
        var candidates = new List<string>();
        if (PyenvRoot() is { } root && Directory.Exists(Path.Combine(root, "versions")))
            candidates.AddRange(Directory.GetDirectories(Path.Combine(root, "versions"))
                .Select(version => Path.Combine(version, "bin", "python3")));
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (folder.Contains("shims", StringComparison.Ordinal))
                continue; // shims lead to the installs found above
            candidates.AddRange(Enumerable.Range(9, 6).Select(minor => Path.Combine(folder, $"python3.{minor}")));
        }

        var found = new Dictionary<string, PythonInstall>();
        foreach (var candidate in candidates.Where(File.Exists))
        {
            try
            {
                var install = PythonLocator.Locate(candidate);
                found.TryAdd(install.Executable, install);
            }
            catch (PythonNotFoundException)
            {
                // Too old or without a shared libpython: the runner rightly refuses it.
            }
        }

        return found.Values.OrderBy(install => install.Version).ThenBy(install => install.Executable).ToArray();
    }

    private static string? PyenvRoot()
    {
        if (Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } root)
            return root;
        try
        {
            using var pyenv = Process.Start(new ProcessStartInfo("pyenv", "root") { RedirectStandardOutput = true });
            var output = pyenv?.StandardOutput.ReadToEnd().Trim();
            pyenv?.WaitForExit();
            return string.IsNullOrEmpty(output) ? null : output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no pyenv on this machine
        }
    }
}
