using System.Runtime.InteropServices;
using System.Text;

namespace PyCompat.Multiprocessing.Hosting;

/// <summary>
/// <c>PYCOMPAT_CHILD_LOG=&lt;path&gt;</c>: when set, the worker host appends one line
/// <c>&lt;pid&gt; &lt;python-module&gt;.&lt;python-name&gt;</c> to that file after it resolved the port and before it
/// runs it, so a checker can prove that a process ran in .NET and not in CPython (<c>pycompat check</c>'s mapped and
/// port cells count these lines). The line goes out in one <c>write</c> on an <c>O_APPEND</c> descriptor, so lines of
/// concurrent children never interleave (.NET's <c>FileMode.Append</c> seeks once and does not set <c>O_APPEND</c>).
/// </summary>
internal static unsafe partial class ChildLog
{
    /// <summary>The environment variable naming the log file.</summary>
    public const string Variable = "PYCOMPAT_CHILD_LOG";

    // Linux values; the worker host runs on Linux (src/PyCompat.Multiprocessing/Posix/Libc.cs has the same choice).
    private const int O_WRONLY = 0x1, O_CREAT = 0x40, O_APPEND = 0x400, O_CLOEXEC = 0x80000;

    /// <summary>Appends this process's line for <paramref name="module"/>.<paramref name="name"/>, when the variable is set.</summary>
    /// <remarks>A log that cannot be written is reported on stderr and the port still runs: the log is evidence for
    /// a checker, not part of the program's behaviour (the checker then finds no line and fails the cell).</remarks>
    public static void Append(string module, string name)
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(path))
            return;
        var line = Encoding.UTF8.GetBytes($"{Environment.ProcessId} {module}.{name}\n");
        var fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0x1A4 /* 0644 */);
        if (fd < 0)
        {
            Console.Error.WriteLine($"pycompat-worker: cannot open {Variable}={path} (errno {Marshal.GetLastPInvokeError()}); the line for {module}.{name} is not logged");
            return;
        }
        try
        {
            fixed (byte* bytes = line)
                if (write(fd, bytes, line.Length) != line.Length)
                    Console.Error.WriteLine($"pycompat-worker: cannot append to {Variable}={path} (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            Posix.Libc.close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint write(int fd, byte* buffer, nint count);
}
