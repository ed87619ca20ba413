using PyCompat.Multiprocessing;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_simpleargs.py</c>: each worker gets a number, which crosses as a real pickle.</summary>
[PyExample("multiprocessing_simpleargs")]
public static class MultiprocessingSimpleArgs
{
    /// <summary><c>def worker(num): print("Worker:", num)</c></summary>
    [PyTarget("multiprocessing_simpleargs", "worker")]
    public static void Worker(int num)
    {
        Console.WriteLine($"Worker: {num}");
    }

    /// <summary>The script's <c>if __name__ == "__main__":</c> block.</summary>
    public static void Main()
    {
        var jobs = new List<Process>();
        for (var i = 0; i < 5; i++)
        {
            var p = new Process(target: Worker, args: [i]);
            jobs.Add(p);
            p.Start();
        }
    }
}
