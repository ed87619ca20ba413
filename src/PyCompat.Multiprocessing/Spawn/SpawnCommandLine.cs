namespace PyCompat.Multiprocessing.Spawn;

/// <summary>CPython's spawn command line (<c>multiprocessing.spawn.get_command_line</c>), both to write and to recognise.</summary>
internal static class SpawnCommandLine
{
    /// <summary>The flag CPython puts last; <c>spawn.is_forking(argv)</c> looks for it.</summary>
    public const string ForkFlag = "--multiprocessing-fork";

    /// <summary>The fd number at which a PyCompat parent hands the child the pipe carrying the two pickles.</summary>
    internal const int PipeFd = 3;

    /// <summary>The fd at which a daemon CPython child of a PyCompat parent gets its lifeline pipe (end-of-file: the parent died).</summary>
    internal const int LifelineFd = 4;

    /// <summary>
    /// CPython's spawn arguments for a daemon child, with a thread first that ends the child when <paramref name="lifeline"/>
    /// reaches end-of-file: the parent holds the other end until it has reaped the child, so that only happens if it died.
    /// </summary>
    public static IReadOnlyList<string> DaemonPythonArguments(int pipeHandle, int lifeline, int? trackerFd = null) =>
        ["-c", $"import os, threading; threading.Thread(target=lambda: (os.read({lifeline}, 1), os._exit(1)), daemon=True).start(); " +
            $"from multiprocessing.spawn import spawn_main; spawn_main({Keywords(pipeHandle, trackerFd)})", ForkFlag];

    /// <summary>The arguments after the executable, as CPython's spawn writes them for a child reading fd
    /// <paramref name="pipeHandle"/> and registering what it creates with the resource tracker at <paramref name="trackerFd"/>.</summary>
    public static IReadOnlyList<string> Arguments(int pipeHandle, int? trackerFd = null) =>
        ["-c", $"from multiprocessing.spawn import spawn_main; spawn_main({Keywords(pipeHandle, trackerFd)})", ForkFlag];

    private static string Keywords(int pipeHandle, int? trackerFd) =>
        trackerFd is { } tracker ? $"tracker_fd={tracker}, pipe_handle={pipeHandle}" : $"pipe_handle={pipeHandle}";

    /// <summary>
    /// Reads the spawn arguments CPython (or PyCompat) passed: <c>[interpreter flags...] -c 'from multiprocessing.spawn
    /// import spawn_main; spawn_main(tracker_fd=T, pipe_handle=P)' --multiprocessing-fork</c>. Flags before <c>-c</c> are ignored.
    /// </summary>
    /// <returns>The pipe fd, or null when <paramref name="args"/> is not a spawn command line.</returns>
    public static int? TryParsePipeHandle(IReadOnlyList<string> args)
    {
        if (args.Count < 3 || args[^1] != ForkFlag || args[^3] != "-c") return null;
        var code = args[^2];
        if (!code.Contains("spawn_main(", StringComparison.Ordinal)) return null;
        return IntArgument(code, "pipe_handle");
    }

    /// <summary>The resource tracker's fd a spawn command line passes (<c>tracker_fd=N</c>), or null.</summary>
    public static int? TryParseTrackerFd(IReadOnlyList<string> args) =>
        TryParsePipeHandle(args) is null ? null : IntArgument(args[^2], "tracker_fd");

    /// <summary>The code after <c>-c</c> when it is not a spawn command (CPython also runs its resource tracker this way).</summary>
    public static string? OtherCommand(IReadOnlyList<string> args)
    {
        var i = IndexOf(args, "-c");
        return i >= 0 && i + 1 < args.Count && TryParsePipeHandle(args) is null ? args[i + 1] : null;
    }

    private static int IndexOf(IReadOnlyList<string> args, string value)
    {
        for (var i = 0; i < args.Count; i++)
            if (args[i] == value) return i;
        return -1;
    }

    private static int? IntArgument(string code, string name)
    {
        var at = code.IndexOf(name + "=", StringComparison.Ordinal);
        if (at < 0) return null;
        var start = at + name.Length + 1;
        var end = start;
        while (end < code.Length && char.IsAsciiDigit(code[end])) end++;
        return int.TryParse(code.AsSpan(start, end - start), out var value) ? value : null;
    }
}
