using PyCompat.Multiprocessing;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_pool.py</c>: <c>pool.map</c> over 2*cpus workers, each announcing itself from the initializer.</summary>
public static class MultiprocessingPool
{
    /// <summary><c>def do_calculation(data)</c>.</summary>
    [PyTarget("multiprocessing_pool", "do_calculation")]
    public static int DoCalculation(int data) => data * 2;

    /// <summary><c>def start_process()</c>: the initializer, run once in each worker.</summary>
    [PyTarget("multiprocessing_pool", "start_process")]
    public static void StartProcess() => Console.WriteLine($"Starting {Process.CurrentProcess().Name}");
}
