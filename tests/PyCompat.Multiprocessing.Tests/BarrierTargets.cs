using PyCompat.Multiprocessing.Synchronize;
using Barrier = PyCompat.Multiprocessing.Synchronize.Barrier;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>C# ports of python/sync_ports.py's barrier targets.</summary>
public static class BarrierTargets
{
    [PyTarget("sync_ports", "barrier_wait")]
    public static void BarrierWait(Barrier barrier, string path, double? timeout = null)
    {
        string result;
        try
        {
            result = barrier.Wait(timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : null).ToString();
        }
        catch (BrokenBarrierError)
        {
            result = "BrokenBarrierError";
        }
        File.WriteAllText(path, $"{result} {(barrier.Broken ? "True" : "False")}");
    }
}
