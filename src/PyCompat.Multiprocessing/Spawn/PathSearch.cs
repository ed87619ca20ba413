namespace PyCompat.Multiprocessing.Spawn;

/// <summary>Looks a program up on PATH, as a shell would: the first executable file of that name.</summary>
internal static class PathSearch
{
    public static string? Find(string program) => Find(program, Environment.GetEnvironmentVariable("PATH"));

    public static string? Find(string program, string? path) =>
        (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(file => File.Exists(file) && IsExecutable(file));

    private static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
