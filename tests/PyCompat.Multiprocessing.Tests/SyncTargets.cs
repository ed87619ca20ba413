using PyCompat.Multiprocessing.Synchronize;
using Lock = PyCompat.Multiprocessing.Synchronize.Lock;
using Semaphore = PyCompat.Multiprocessing.Synchronize.Semaphore;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>C# ports of python/sync_ports.py: children of either kind of parent that share locks, events and conditions.</summary>
public static class SyncTargets
{
    [PyTarget("sync_ports", "increment")]
    public static void Increment(SemLockObject @lock, string path, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using (@lock.Enter())
            {
                var text = File.ReadAllText(path);
                File.WriteAllText(path, (int.Parse(text.Length == 0 ? "0" : text) + 1).ToString());
            }
        }
    }

    [PyTarget("sync_ports", "wait_event")]
    public static void WaitEvent(Event @event, Semaphore ready, string path)
    {
        ready.Release();
        var woke = @event.Wait(TimeSpan.FromSeconds(60));
        File.WriteAllText(path, $"{Py(woke)} {Py(@event.IsSet())}");
    }

    public static void SetEvent(Event @event, string path)
    {
        File.WriteAllText(path, "set");
        @event.Set();
    }

    [PyTarget("sync_ports", "wait_condition")]
    public static void WaitCondition(Condition cond, Semaphore ready, string path)
    {
        bool woke;
        using (cond.Enter())
        {
            ready.Release();
            woke = cond.Wait(TimeSpan.FromSeconds(60));
        }
        File.WriteAllText(path, Py(woke));
    }

    [PyTarget("sync_ports", "try_acquire")]
    public static void TryAcquire(Lock @lock, Event @event, string path) =>
        File.WriteAllText(path, $"{Py(@lock.Acquire(true, 0.2))} {Py(@event.Wait(0.2))}");

    [PyTarget("sync_ports", "hold_forever")]
    public static void HoldForever(Lock @lock, Semaphore ready)
    {
        @lock.Acquire();
        ready.Release();
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Takes a lock whose semaphore may not exist: the rebuild fails before this runs.</summary>
    public static void UseLock(Lock @lock) => @lock.Acquire();

    private static string Py(bool value) => value ? "True" : "False";
}
