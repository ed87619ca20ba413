namespace PyCompat.Multiprocessing.Spawn;

/// <summary>Looks a program up on PATH, as a shell would.</summary>
internal static class PathSearch
{
    public static string? Find(string program)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (folder.Length == 0) continue;
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
