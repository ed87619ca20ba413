using PyCompat.Multiprocessing.Posix;

namespace PyCompat.Multiprocessing.Hosting;

/// <summary>
/// <c>PYCOMPAT_CHILD_LOG=PATH</c>: once the worker has found the port it will run, it appends <c>PID module.name</c>
/// to PATH, so a test or <c>pycompat check</c> can count which processes ran in .NET and as which port.
/// </summary>
internal static unsafe class ChildLog
{
    /// <summary>The environment variable naming the log.</summary>
    public const string EnvironmentVariable = "PYCOMPAT_CHILD_LOG";

    public static void Record(string pythonName)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is not { Length: > 0 } path) return;
        // One write(2) per line with O_APPEND keeps racing children's lines whole; .NET's FileMode.Append seeks
        // instead, and two children could then write at the same offset.
        var line = System.Text.Encoding.UTF8.GetBytes($"{Environment.ProcessId} {pythonName}\n");
        var fd = Libc.open(path, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_APPEND | Libc.O_CLOEXEC, 0x1a4 /* 0644 */);
        if (fd < 0) return;
        fixed (byte* bytes = line) Libc.write(fd, bytes, line.Length);
        Libc.close(fd);
    }
}
