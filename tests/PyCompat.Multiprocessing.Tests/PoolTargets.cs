using PyCompat.Multiprocessing.Synchronize;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>The functions PoolTests runs in C# pools' .NET workers (python/pool_reference.py's, ported, and faults).</summary>
public static class PoolTargets
{
    private static string _tag = "untagged";
    private static Event? _started;

    public static void Init(string tag) => _tag = tag;

    public static void InitStarted(Event started) => _started = started;

    public static long Triple(long x) => 3 * x;

    public static long Add(long a, long b) => a + b;

    public static string Tagged(long x) => $"{_tag}:{x}";

    public static int WorkerPid(int x) => Environment.ProcessId;

    public static int Fail(int x) => throw new ArgumentException($"bad {x}");

    public static object Opaque(int x) => new MemoryStream();

    public static byte[] BigBytes(int n)
    {
        var data = new byte[n / 256 * 256];
        for (var i = 0; i < data.Length; i++) data[i] = (byte)i;
        return data;
    }

    public static List<long> BigList(int n) => [.. Enumerable.Range(0, n).Select(x => (long)x)];

    public static int BytesLength(byte[] data) => data.Length;

    public static int ListLength(List<long> data) => data.Count;

    public static int Stall(int seconds)
    {
        _started!.Set();
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        return seconds;
    }
}
