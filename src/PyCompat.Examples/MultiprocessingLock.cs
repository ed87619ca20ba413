using PyCompat.Multiprocessing;
using Lock = PyCompat.Multiprocessing.Synchronize.Lock;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_lock.py</c>: two workers take turns at one stream under one lock.</summary>
[PyExample("multiprocessing_lock")]
public static class MultiprocessingLock
{
    /// <summary><c>def worker_with(lock, stream)</c>: <c>with lock:</c> is <c>using (lock.Enter())</c>.</summary>
    [PyTarget("multiprocessing_lock", "worker_with")]
    public static void WorkerWith(Lock @lock, TextWriter stream)
    {
        using (@lock.Enter())
            stream.Write("Lock acquired via with\n");
    }

    /// <summary><c>def worker_no_with(lock, stream)</c>: acquire, then release in a finally.</summary>
    [PyTarget("multiprocessing_lock", "worker_no_with")]
    public static void WorkerNoWith(Lock @lock, TextWriter stream)
    {
        @lock.Acquire();
        try
        {
            stream.Write("Lock acquired directly\n");
        }
        finally
        {
            @lock.Release();
        }
    }

    /// <summary>The script's module-level code; <c>sys.stdout</c> reaches each child as its own standard output.</summary>
    public static void Main()
    {
        var @lock = new Lock();
        var w = new Process(target: WorkerWith, args: [@lock, Console.Out]);
        var nw = new Process(target: WorkerNoWith, args: [@lock, Console.Out]);

        w.Start();
        nw.Start();

        w.Join();
        nw.Join();
    }
}
