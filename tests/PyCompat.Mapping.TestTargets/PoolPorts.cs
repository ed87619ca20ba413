using PyCompat.Multiprocessing;

namespace PyCompat.Mapping.TestTargets;

/// <summary>C# ports of <c>mapped_pool.py</c>'s pool functions (its <c>square</c> has none, so it runs in CPython).</summary>
public static class PoolPorts
{
    private static string _tag = "untagged";

    [PyTarget("mapped_pool", "init")]
    public static void Init(string tag) => _tag = tag;

    [PyTarget("mapped_pool", "triple")]
    public static long Triple(long x) => 3 * x;

    [PyTarget("mapped_pool", "tagged")]
    public static string Tagged(object? x) => $"{_tag}:{x}";

    [PyTarget("mapped_pool", "add")]
    public static long Add(long a, long b) => a + b;

    [PyTarget("mapped_pool", "fail")]
    public static int Fail(int x) => throw new ArgumentException($"bad {x}");

    /// <summary>Returns what has no Python equivalent, so the result cannot be pickled (Python's MaybeEncodingError).</summary>
    [PyTarget("mapped_pool", "opaque")]
    public static object Opaque(int x) => new MemoryStream();

    [PyTarget("mapped_pool", "worker_pid")]
    public static int WorkerPid(int x) => Environment.ProcessId;
}

/// <summary>C# ports of <c>mapped_pool_faults.py</c>'s functions.</summary>
public static class PoolFaultPorts
{
    private static PyCompat.Multiprocessing.Synchronize.Event? _started;

    [PyTarget("mapped_pool_faults", "init")]
    public static void Init(PyCompat.Multiprocessing.Synchronize.Event started) => _started = started;

    [PyTarget("mapped_pool_faults", "stall")]
    public static int Stall(int seconds)
    {
        _started!.Set();
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        return seconds;
    }

    [PyTarget("mapped_pool_faults", "triple")]
    public static int Triple(int x) => 3 * x;
}

/// <summary>C# ports of <c>mapped_pool_large.py</c>'s functions (its <c>big_bytes_py</c> has none).</summary>
public static class PoolLargePorts
{
    [PyTarget("mapped_pool_large", "big_bytes")]
    public static byte[] BigBytes(int n)
    {
        var data = new byte[n / 256 * 256];
        for (var i = 0; i < data.Length; i++) data[i] = (byte)i;
        return data;
    }

    [PyTarget("mapped_pool_large", "big_list")]
    public static List<long> BigList(int n) => [.. Enumerable.Range(0, n).Select(x => (long)x)];

    /// <summary>The length of a bytes or a list argument.</summary>
    [PyTarget("mapped_pool_large", "length")]
    public static int Length(object data) => data switch
    {
        byte[] bytes => bytes.Length,
        System.Collections.ICollection items => items.Count,
        _ => throw new ArgumentException($"length() got a {data.GetType()}"),
    };

    [PyTarget("mapped_pool_large", "triple")]
    public static long Triple(long x) => 3 * x;
}
