using PyCompat.Multiprocessing;
using PyCompat.Multiprocessing.Managers;
using Lock = PyCompat.Multiprocessing.Synchronize.Lock;
using Semaphore = PyCompat.Multiprocessing.Synchronize.Semaphore;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_semaphore.py</c>: at most three of ten workers are active at once; the active
/// names are kept in a manager's list under a lock.</summary>
[PyExample("multiprocessing_semaphore")]
public static class MultiprocessingSemaphore
{
    /// <summary><c>class ActivePool</c>: a manager list and a lock. It reaches a child as its two parts (a list proxy
    /// and a lock), which the child puts together again: the manager itself stays in the parent.</summary>
    public sealed class ActivePool(ListProxy active, Lock @lock)
    {
        /// <summary>The parent's pool: a list on <paramref name="mgr"/> and a new lock.</summary>
        public ActivePool(SyncManager mgr) : this(mgr.List(), new Lock()) { }

        /// <summary>The manager's list of active names.</summary>
        public ListProxy Active { get; } = active;

        /// <summary>The lock around it.</summary>
        public Lock Lock { get; } = @lock;

        /// <summary><c>def makeActive(self, name)</c></summary>
        public void MakeActive(string name)
        {
            using (Lock.Enter())
                Active.Append(name);
        }

        /// <summary><c>def makeInactive(self, name)</c></summary>
        public void MakeInactive(string name)
        {
            using (Lock.Enter())
                Active.Remove(name);
        }

        /// <summary><c>def __str__(self)</c>: the list's repr, under the lock.</summary>
        public override string ToString()
        {
            using (Lock.Enter())
                return Active.ToString();
        }
    }

    /// <summary><c>def worker(s, pool)</c>: <c>with s:</c> is <c>using (s.Enter())</c>. No <c>[PyTarget]</c>: CPython
    /// cannot pickle the script's pool for a spawned child (it holds the manager, whose finalizer is a weakref), so
    /// mapped mode leaves the script to CPython.</summary>
    public static void Worker(Semaphore s, ListProxy active, Lock @lock)
    {
        var pool = new ActivePool(active, @lock);
        var name = Process.CurrentProcess().Name;
        using (s.Enter())
        {
            pool.MakeActive(name);
            Console.WriteLine($"Activating {name} now running {pool}");
            Thread.Sleep(TimeSpan.FromSeconds(Random.Shared.NextDouble()));
            pool.MakeInactive(name);
        }
    }

    /// <summary>The script's <c>if __name__ == '__main__':</c> block.</summary>
    public static void Main()
    {
        using var mgr = Manager.Start();
        var pool = new ActivePool(mgr);
        var s = new Semaphore(3);
        var jobs = Enumerable.Range(0, 10)
            .Select(i => new Process(target: Worker, args: [s, pool.Active, pool.Lock], name: i.ToString()))
            .ToList();

        foreach (var j in jobs)
            j.Start();

        while (true)
        {
            var alive = 0;
            foreach (var j in jobs)
            {
                if (j.IsAlive)
                {
                    alive += 1;
                    j.Join(timeoutSeconds: 0.1);
                    Console.WriteLine($"Now running {pool}");
                }
            }
            if (alive == 0)
                break; // all done
        }
    }
}
