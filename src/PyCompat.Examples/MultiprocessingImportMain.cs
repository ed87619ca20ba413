using PyCompat.Examples.ImportWorker;
using PyCompat.Multiprocessing;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_import_main.py</c>: the target comes from another assembly, as the book imports it.</summary>
[PyExample("multiprocessing_import_main")]
public static class MultiprocessingImportMain
{
    /// <summary>The script's <c>if __name__ == "__main__":</c> block.</summary>
    public static void Main()
    {
        var jobs = new List<Process>();
        for (var i = 0; i < 5; i++)
        {
            var p = new Process(
                target: MultiprocessingImportWorker.Worker
            );
            jobs.Add(p);
            p.Start();
        }
    }
}
