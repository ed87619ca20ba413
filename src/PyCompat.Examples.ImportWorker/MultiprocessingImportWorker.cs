using PyCompat.Multiprocessing;

namespace PyCompat.Examples.ImportWorker;

/// <summary>
/// Port of <c>multiprocessing_import_worker.py</c>: the worker lives in an assembly of its own, as the book puts it
/// in a module of its own, so that the child can load the target without the main program.
/// </summary>
public static class MultiprocessingImportWorker
{
    /// <summary><c>def worker(): print('Worker')</c></summary>
    [PyTarget("multiprocessing_import_worker", "worker")]
    public static void Worker()
    {
        Console.WriteLine("Worker");
    }
}
