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
        Print("BEFORE:", p);

        p.Start();
        Print("DURING:", p);

        p.Terminate();
        Print("TERMINATED:", p);

        p.Join();
        Print("JOINED:", p);
    }

    /// <summary>
    /// <c>print(label, p, p.is_alive())</c> in Python's order: the arguments are evaluated first, so is_alive() (which
    /// may reap a child that has just died) runs before print turns p into text. Interpolating <c>{p} {p.IsAlive}</c>
    /// formats p first, and right after terminate() that printed "started False", a pair CPython never prints.
    /// </summary>
    private static void Print(string label, Process p)
    {
        var alive = p.IsAlive;
        Console.WriteLine($"{label} {p} {alive}");
    }
}
