using PyCompat.Multiprocessing;
using PyCompat.Multiprocessing.Managers;
using PyCompat.Multiprocessing.Reduction;
using PyCompat.Pickling;
using Lock = PyCompat.Multiprocessing.Synchronize.Lock;
using Semaphore = PyCompat.Multiprocessing.Synchronize.Semaphore;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_semaphore.py</c>: at most three of ten workers are active at once; the active
/// names are kept in a manager's list under a lock.</summary>
[PyExample("multiprocessing_semaphore")]
public static class MultiprocessingSemaphore
{
    /// <summary><c>class ActivePool</c>: a manager list and a lock. It travels to a child as CPython pickles the
    /// script's pool, its <c>__dict__</c> (<c>active</c>, <c>lock</c>); a .NET child sets those members again. The
    /// manager stays in the parent.</summary>
    [PyClass("multiprocessing_semaphore", "ActivePool")]
    public sealed class ActivePool : IReduceForChild
    {
        // For a child: the members are set from the pickle.
        private ActivePool()
        {
            Active = null!;
            Lock = null!;
        }

        /// <summary>The parent's pool: a list on <paramref name="mgr"/> and a new lock.</summary>
        public ActivePool(SyncManager mgr)
        {
            Active = mgr.List();
            Lock = new Lock();
        }

        /// <summary>The manager's list of active names (<c>self.active</c>).</summary>
        public ListProxy Active { get; private set; }

        /// <summary>The lock around it (<c>self.lock</c>).</summary>
        public Lock Lock { get; private set; }

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

        object? IReduceForChild.ReduceForChild(SpawningPopen popen) =>
            new PyObject(new PyGlobal("multiprocessing_semaphore", "ActivePool"), PyTuple.Empty,
                new PyDict { ["active"] = Active, ["lock"] = Lock });
    }

    /// <summary><c>def worker(s, pool)</c>: <c>with s:</c> is <c>using (s.Enter())</c>.</summary>
    [PyTarget("multiprocessing_semaphore", "worker")]
    public static void Worker(Semaphore s, ActivePool pool)
    {
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
            .Select(i => new Process(target: Worker, args: [s, pool], name: i.ToString()))
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
