using PyCompat.Multiprocessing;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_subclass.py</c>: a Process subclass whose <c>Run()</c> runs in the child.</summary>
[PyExample("multiprocessing_subclass")]
public static class MultiprocessingSubclass
{
    /// <summary><c>class Worker(multiprocessing.Process)</c>; its default name is <c>Worker-N</c>, as in Python.</summary>
    [PyClass("multiprocessing_subclass", "Worker")]
    public sealed class Worker : Process
    {
        /// <summary><c>def run(self): print('In {}'.format(self.name))</c></summary>
        public override void Run()
        {
            Console.WriteLine($"In {Name}");
        }
    }

    /// <summary>The script's <c>if __name__ == "__main__":</c> block.</summary>
    public static void Main()
    {
        var jobs = new List<Process>();
        for (var i = 0; i < 5; i++)
        {
            var p = new Worker();
            jobs.Add(p);
            p.Start();
        }
        foreach (var j in jobs)
            j.Join();
    }
}
