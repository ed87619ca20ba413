using PyCompat.Multiprocessing;

namespace PyCompat.Mapping.TestTargets;

/// <summary>C# ports of <c>mapped_executor.py</c>'s functions (its <c>square</c>, <c>raise_unpicklable</c>,
/// <c>init_py</c> and <c>tagged_py</c> have none, so they run in CPython).</summary>
public static class ExecutorPorts
{
    private static string _tag = "untagged";

    [PyTarget("mapped_executor", "init")]
    public static void Init(string tag) => _tag = tag;

    [PyTarget("mapped_executor", "triple")]
    public static long Triple(long x) => 3 * x;

    [PyTarget("mapped_executor", "tagged")]
    public static string Tagged(object? x) => $"{_tag}:{x}";

    [PyTarget("mapped_executor", "add")]
    public static long Add(long a, long b) => a + b;

    [PyTarget("mapped_executor", "fail")]
    public static int Fail(int x) => throw new ArgumentException($"bad {x}");

    /// <summary>Returns what has no Python equivalent, so the result cannot be pickled.</summary>
    [PyTarget("mapped_executor", "opaque")]
    public static object Opaque(int x) => new MemoryStream();

    [PyTarget("mapped_executor", "leave")]
    public static void Leave(int code) => throw new SystemExit(code);

    [PyTarget("mapped_executor", "worker_pid")]
    public static int WorkerPid(int x) => Environment.ProcessId;
}

/// <summary>C# ports of <c>mapped_executor_faults.py</c>'s functions.</summary>
public static class ExecutorFaultPorts
{
    [PyTarget("mapped_executor_faults", "worker_pid")]
    public static int WorkerPid(int x) => Environment.ProcessId;

    [PyTarget("mapped_executor_faults", "stall")]
    public static int Stall(int seconds)
    {
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        return seconds;
    }
}

/// <summary>C# ports of <c>mapped_executor_initializer.py</c>'s functions (its <c>init_fails_py</c> has none).</summary>
public static class ExecutorInitializerPorts
{
    [PyTarget("mapped_executor_initializer", "init_fails")]
    public static void InitFails() => throw new ArgumentException("init failed");

    [PyTarget("mapped_executor_initializer", "triple")]
    public static long Triple(long x) => 3 * x;
}
