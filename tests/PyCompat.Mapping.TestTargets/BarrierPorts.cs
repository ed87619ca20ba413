using PyCompat.Multiprocessing;
using PyCompat.Multiprocessing.Synchronize;
using Barrier = PyCompat.Multiprocessing.Synchronize.Barrier;

namespace PyCompat.Mapping.TestTargets;

/// <summary>C# ports of <c>mapped_barrier.py</c>'s targets.</summary>
public static class BarrierPorts
{
    [PyTarget("mapped_barrier", "party")]
    public static void Party(Barrier barrier, int n)
    {
        barrier.Wait(TimeSpan.FromSeconds(60));
        Console.WriteLine($"party {n} passed, broken: {Py(barrier.Broken)}");
    }

    [PyTarget("mapped_barrier", "aborted")]
    public static void Aborted(Barrier barrier, int n)
    {
        try
        {
            barrier.Wait(TimeSpan.FromSeconds(60));
            Console.WriteLine($"party {n} passed");
        }
        catch (BrokenBarrierError)
        {
            Console.WriteLine($"party {n} got BrokenBarrierError, broken: {Py(barrier.Broken)}");
        }
    }

    private static string Py(bool value) => value ? "True" : "False";
}
