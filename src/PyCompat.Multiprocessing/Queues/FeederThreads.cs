namespace PyCompat.Multiprocessing.Queues;

/// <summary>
/// The feeder threads of this process, for its exit (CPython's queue finalizers in <c>util._exit_function</c>): before
/// the children are joined, every feeder is told to send what it holds and end (<c>_finalize_close</c>, exit priority
/// 10, but the pipe stays open: a program that waits for its children before its end puts again); after, the process waits for each whose join was not cancelled (<c>_finalize_join</c>, priority -5), so what a
/// process put on a queue reaches the pipe before it exits.
/// </summary>
internal static class FeederThreads
{
    private static readonly Lock Gate = new();
    private static readonly List<FeederThread> Running = [];

    public static void Started(FeederThread feeder)
    {
        lock (Gate) Running.Add(feeder);
    }

    public static void Ended(FeederThread feeder)
    {
        lock (Gate) Running.Remove(feeder);
    }

    /// <summary>Tells each running feeder to send what it holds and end.</summary>
    public static void FlushAll()
    {
        foreach (var feeder in Snapshot()) feeder.Flush();
    }

    /// <summary>Waits for each feeder whose join was not cancelled.</summary>
    public static void JoinAll()
    {
        foreach (var feeder in Snapshot().Where(f => f.JoinAtExit)) feeder.Join();
    }

    private static List<FeederThread> Snapshot()
    {
        lock (Gate) return [.. Running];
    }
}
