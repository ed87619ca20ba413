using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using PyCompat.Multiprocessing.Posix;

namespace PyCompat.Multiprocessing.ResourceTracking;

/// <summary>
/// CPython's <c>resource_tracker.main(fd)</c> in .NET: reads <c>REGISTER</c>, <c>UNREGISTER</c> and <c>PROBE</c> lines
/// until every writer has closed the pipe, then unlinks what is still registered, warning in CPython's words
/// ("resource_tracker: There appear to be N leaked semaphore objects to clean up at shutdown"). It knows CPython's
/// resource types, so CPython children of a C# parent register with it too: <c>semaphore</c> (sem_unlink),
/// <c>shared_memory</c> (shm_unlink), and <c>noop</c> and <c>dummy</c>, which are never cleaned.
/// </summary>
internal static partial class TrackerMain
{
    private const int SIGINT = 2, SIG_IGN = 1;

    private static readonly Dictionary<string, Func<string, int>> Cleanup = new(StringComparer.Ordinal)
    {
        ["noop"] = _ => 0,
        ["dummy"] = _ => 0,
        ["semaphore"] = Semaphores.Unlink,
        ["shared_memory"] = ShmUnlink,
    };

    [LibraryImport("libc", EntryPoint = "shm_unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ShmUnlink(string name);

    /// <summary>Runs the tracker on <paramref name="fd"/>; returns CPython's exit code (0, 1 after cleaning leaks,
    /// 2 when a cleanup failed, 3 when a line was bad).</summary>
    public static int Run(int fd)
    {
        // As CPython's: ^C or a SIGTERM to the whole group must not end it before the others.
        Libc.signal(SIGINT, SIG_IGN);
        Libc.signal(Libc.SIGTERM, SIG_IGN);
        var cache = Cleanup.Keys.ToDictionary(rtype => rtype, _ => new HashSet<string>(StringComparer.Ordinal));
        var exitCode = 0;
        try
        {
            using var reader = new StreamReader(new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, 1),
                System.Text.Encoding.ASCII);
            while (reader.ReadLine() is { } line)
                if (Apply(line.Trim(), cache) is { } error)
                {
                    exitCode = 3;
                    Console.Error.WriteLine($"resource_tracker: {error}");
                }
        }
        finally
        {
            foreach (var (rtype, names) in cache)
            {
                if (names.Count == 0 || rtype is "dummy") continue;
                exitCode = 1;
                Warn($"resource_tracker: There appear to be {names.Count} leaked {rtype} objects to clean up at shutdown");
                foreach (var name in names)
                    if (Cleanup[rtype](name) < 0)
                    {
                        exitCode = 2;
                        var errno = Marshal.GetLastPInvokeError();
                        Warn($"resource_tracker: '{name}': [Errno {errno}] {Marshal.GetPInvokeErrorMessage(errno)}: '{name}'");
                    }
            }
        }
        return exitCode;
    }

    /// <summary>One line of the protocol; the error in CPython's words, or null.</summary>
    private static string? Apply(string line, Dictionary<string, HashSet<string>> cache)
    {
        var parts = line.Split(':');
        if (parts is not [var command, var name, var rtype])
            return $"ValueError: cannot read '{line}': expected COMMAND:name:rtype";
        if (!cache.TryGetValue(rtype, out var names))
            return $"ValueError: Cannot register {name} for automatic cleanup: unknown resource type {rtype}";
        switch (command)
        {
            case "REGISTER":
                names.Add(name);
                return null;
            case "UNREGISTER":
                return names.Remove(name) ? null : $"KeyError: '{name}'";
            case "PROBE":
                return null;
            default:
                return $"RuntimeError: unrecognized command '{command}'";
        }
    }

    private static void Warn(string message) => Console.Error.WriteLine($"UserWarning: {message}");
}
