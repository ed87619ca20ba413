namespace PyCompat.Multiprocessing.Hosting;

/// <summary>
/// <c>PYCOMPAT_CHILD_LOG=PATH</c>: once the worker has found the port it will run, it appends <c>PID module.name</c>
/// to PATH, so a test or <c>pycompat check</c> can count which processes ran in .NET and as which port.
/// </summary>
internal static class ChildLog
{
    /// <summary>The environment variable naming the log.</summary>
    public const string EnvironmentVariable = "PYCOMPAT_CHILD_LOG";

    public static void Record(string pythonName)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is not { Length: > 0 } path) return;
        // One short append per line: O_APPEND keeps racing children's lines whole.
        File.AppendAllText(path, $"{Environment.ProcessId} {pythonName}\n");
    }
}
