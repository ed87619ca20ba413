using PyCompat.Multiprocessing;
using PyCompat.Multiprocessing.Synchronize;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_condition.py</c>: stage 2 workers wait on a condition that stage 1 notifies.</summary>
[PyExample("multiprocessing_condition")]
public static class MultiprocessingCondition
{
    /// <summary><c>def stage_1(cond)</c>: perform the first stage of work, then notify stage_2 to continue.</summary>
    [PyTarget("multiprocessing_condition", "stage_1")]
    public static void Stage1(Condition cond)
    {
        var name = Process.CurrentProcess().Name;
        Console.WriteLine($"Starting {name}");
        using (cond.Enter())
        {
            Console.WriteLine($"{name} done and ready for stage 2");
            cond.NotifyAll();
        }
    }

    /// <summary><c>def stage_2(cond)</c>: wait for the condition telling us stage_1 is done.</summary>
    [PyTarget("multiprocessing_condition", "stage_2")]
    public static void Stage2(Condition cond)
    {
        var name = Process.CurrentProcess().Name;
        Console.WriteLine($"Starting {name}");
        using (cond.Enter())
        {
            cond.Wait();
            Console.WriteLine($"{name} running");
        }
    }

    /// <summary>The script's <c>if __name__ == '__main__':</c> block.</summary>
    public static void Main()
    {
        var condition = new Condition();
        var s1 = new Process(target: Stage1, args: [condition], name: "s1");
        var s2Clients = Enumerable.Range(1, 2)
            .Select(i => new Process(target: Stage2, args: [condition], name: $"stage_2[{i}]"))
            .ToList();

        foreach (var c in s2Clients)
        {
            c.Start();
            Thread.Sleep(TimeSpan.FromSeconds(1));
        }
        s1.Start();

        s1.Join();
        foreach (var c in s2Clients) c.Join();
    }
}
