using PyCompat.Multiprocessing;

namespace PyCompat.Benchmarks.Targets;

/// <summary>The memory benchmark's child: says it is running, then stays alive until the parent says go.</summary>
public static class HoldTarget
{
    /// <summary>Same as <c>hold()</c> in bench/PyCompat.Benchmarks/Processes/python/memory.py.</summary>
    /// <param name="readyDir">Where the child leaves a file named by its pid once it runs.</param>
    /// <param name="goFile">The file whose appearance ends the child.</param>
    [PyTarget("pycompat_bench_memory", "hold")]
    public static void Hold(string readyDir, string goFile)
    {
        File.WriteAllText(Path.Combine(readyDir, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(goFile) && DateTime.UtcNow < deadline) Thread.Sleep(5);
    }
}
