using System.Text;

namespace PyCompat.Multiprocessing.Hosting;

/// <summary>
/// Gives a .NET child the stdout a CPython child has: line-buffered on a terminal, block-buffered otherwise (unless
/// <c>PYTHONUNBUFFERED</c> is set), flushed at a normal exit and by <c>Console.Out.Flush()</c> (<c>sys.stdout.flush()</c>).
/// It matters when a child is killed: what a Python child had not flushed is lost, and so it is here
/// (multiprocessing_daemon_join_timeout.py's daemon prints "Starting: daemon" only to a terminal).
/// </summary>
internal static class StandardStreams
{
    private const int BufferSize = 8192;

    public static void UsePythonBuffering()
    {
        if (!Console.IsOutputRedirected || Environment.GetEnvironmentVariable("PYTHONUNBUFFERED") is { Length: > 0 })
            return; // a terminal, or unbuffered on request: .NET's own stdout already writes through
        var writer = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), BufferSize) { AutoFlush = false };
        Console.SetOut(writer);
        // Environment.Exit(n) is sys.exit(n): Python flushes its streams on the way out.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Console.Out.Flush();
    }
}
