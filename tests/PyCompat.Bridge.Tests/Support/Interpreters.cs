using System.Diagnostics;
using PyCompat.PythonHost.Discovery;

namespace PyCompat.Bridge.Tests.Support;

/// <summary>Every CPython 3.9+ with a shared libpython on this machine, found at test time: pyenv's versions and python3.X on PATH.</summary>
public static class Interpreters
{
    private static readonly Lazy<IReadOnlyList<PythonInstall>> s_all = new(FindAll);

    /// <summary>The executables, for theories.</summary>
    public static TheoryData<string> AllExecutables()
    {
        var data = new TheoryData<string>();
        foreach (var install in s_all.Value)
            data.Add(install.Executable);
        return data;
    }

    private static IReadOnlyList<PythonInstall> FindAll()
    {
        var candidates = new List<string>();
        if (PyenvRoot() is { } root && Directory.Exists(Path.Combine(root, "versions")))
            candidates.AddRange(Directory.GetDirectories(Path.Combine(root, "versions")).Select(v => Path.Combine(v, "bin", "python3")));
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Where(f => !f.Contains("shims")))
            candidates.AddRange(Enumerable.Range(9, 6).Select(minor => Path.Combine(folder, $"python3.{minor}")));

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
                // too old, or no shared libpython: pycompat rightly refuses it
            }
        }

        return [.. found.Values.OrderBy(i => i.Version).ThenBy(i => i.Executable)];
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
            return null;
        }
    }
}
