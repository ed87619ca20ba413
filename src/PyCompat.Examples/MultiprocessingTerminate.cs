using PyCompat.Multiprocessing;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_terminate.py</c>: the process's repr and liveness before, during and after terminate.</summary>
[PyExample("multiprocessing_terminate")]
public static class MultiprocessingTerminate
{
    /// <summary><c>def slow_worker()</c>.</summary>
    [PyTarget("multiprocessing_terminate", "slow_worker")]
    public static void SlowWorker()
    {
        Console.WriteLine("Starting worker");
        Thread.Sleep(TimeSpan.FromSeconds(0.1));
        Console.WriteLine("Finished worker");
    }

    /// <summary>The script's <c>if __name__ == "__main__":</c> block.</summary>
    public static void Main()
    {
        var p = new Process(target: SlowWorker);
        Console.WriteLine($"BEFORE: {p} {p.IsAlive}");

        p.Start();
        Console.WriteLine($"DURING: {p} {p.IsAlive}");

        p.Terminate();
        Console.WriteLine($"TERMINATED: {p} {p.IsAlive}");

        p.Join();
        Console.WriteLine($"JOINED: {p} {p.IsAlive}");
    }
}
