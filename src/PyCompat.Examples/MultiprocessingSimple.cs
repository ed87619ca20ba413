using PyCompat.Multiprocessing;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_simple.py</c>: five processes that each print "Worker".</summary>
[PyExample("multiprocessing_simple")]
public static class MultiprocessingSimple
{
    /// <summary><c>def worker(): print("Worker")</c></summary>
    [PyTarget("multiprocessing_simple", "worker")]
    public static void Worker()
    {
        Console.WriteLine("Worker");
    }

    /// <summary>The script's <c>if __name__ == "__main__":</c> block.</summary>
    public static void Main()
    {
        var jobs = new List<Process>();
        for (var i = 0; i < 5; i++)
        {
            var p = new Process(target: Worker);
            jobs.Add(p);
            p.Start();
        }
    }
}
