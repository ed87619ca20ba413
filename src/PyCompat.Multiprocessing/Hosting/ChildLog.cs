using System.Runtime.InteropServices;
using PyCompat.Multiprocessing.Posix;

namespace PyCompat.Multiprocessing.Hosting;

/// <summary>
/// <c>PYCOMPAT_CHILD_LOG=PATH</c>: once the worker has found the port it will run, it appends <c>PID module.name</c>
/// to PATH, so a test or <c>pycompat check</c> can prove that a process ran in .NET and not in CPython, and as which
/// port (<c>pycompat check</c>'s mapped and port cells count these lines). A C# parent adds
/// <c>PID parent:dotnet module.name</c> for each .NET child it starts and <c>PID parent:signalled CODE</c> for one that a
/// signal ended, so a child terminated before its port could run (multiprocessing_terminate.py) is still accounted for.
/// </summary>
internal static unsafe class ChildLog
{
    /// <summary>The environment variable naming the log.</summary>
    public const string EnvironmentVariable = "PYCOMPAT_CHILD_LOG";

    /// <summary>Appends this process's line for <paramref name="pythonName"/> (<c>module.name</c>), when the variable is set.</summary>
    /// <remarks>A log that cannot be written is reported on stderr and the port still runs: the log is evidence for
    /// a checker, not part of the program's behaviour (the checker then finds no line and fails the cell).</remarks>
    public static void Record(string pythonName) => Append($"{Environment.ProcessId} {pythonName}", pythonName);

    /// <summary>This .NET pool worker passed a task of <paramref name="pythonName"/>, which has no port, to its CPython
    /// helper (<c>PID pool:cpython module.name</c>; a checker ignores it, a test reads it).</summary>
    public static void RanInCpython(string pythonName) => Append($"{Environment.ProcessId} pool:cpython {pythonName}", pythonName);

    /// <summary>A C# parent started the .NET child <paramref name="pid"/> for <paramref name="pythonName"/>.</summary>
    public static void Launched(int pid, string pythonName) => Append($"{pid} parent:dotnet {pythonName}", pythonName);

    /// <summary>The .NET child <paramref name="pid"/> ended by signal (<paramref name="exitCode"/> is -N).</summary>
    public static void Signalled(int pid, int exitCode) => Append($"{pid} parent:signalled {exitCode}", $"pid {pid}");

    private static void Append(string text, string pythonName)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is not { Length: > 0 } path) return;
        // One write(2) per line with O_APPEND keeps racing children's lines whole; .NET's FileMode.Append seeks
        // instead, and two children could then write at the same offset.
        var line = System.Text.Encoding.UTF8.GetBytes(text + "\n");
        var fd = Libc.open(path, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_APPEND | Libc.O_CLOEXEC, 0x1a4 /* 0644 */);
        if (fd < 0)
        {
            Console.Error.WriteLine($"pycompat-worker: cannot open {EnvironmentVariable}={path} (errno {Marshal.GetLastPInvokeError()}); the line for {pythonName} is not logged");
            return;
        }
        fixed (byte* bytes = line)
            if (Libc.write(fd, bytes, line.Length) != line.Length)
                Console.Error.WriteLine($"pycompat-worker: cannot append to {EnvironmentVariable}={path} (errno {Marshal.GetLastPInvokeError()})");
        Libc.close(fd);
    }
}
