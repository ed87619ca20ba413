using PyCompat.Multiprocessing.Synchronize;
using Lock = PyCompat.Multiprocessing.Synchronize.Lock;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>
/// The per-process bookkeeping of a SemLock (how many times this process holds it and which thread took it last,
/// CPython's <c>count</c> and <c>last_tid</c>) under threads of one process taking turns. CPython updates it under the
/// GIL, so it is never torn there; here the threads run at once and it must still be exact, or a Condition releases
/// its lock the wrong number of times before it sleeps and the process deadlocks (a pool's dispose hung so in CI).
/// </summary>
public sealed class SemLockThreadTests
{
    private const int Threads = 4;
    private const int Turns = 20_000;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>Runs <paramref name="turn"/> <see cref="Turns"/> times on each of <see cref="Threads"/> threads; the
    /// number of turns that threw, or null when a thread was still running after <see cref="Limit"/> (a deadlock).</summary>
    private static int? RunTurns(Action<int> turn)
    {
        var failures = 0;
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            for (var i = 0; i < Turns; i++)
            {
                try
                {
                    turn(t);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }) { IsBackground = true }).ToList();
        foreach (var thread in threads) thread.Start();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var thread in threads)
        {
            var left = Limit - clock.Elapsed;
            if (left < TimeSpan.Zero || !thread.Join(left)) return null;
        }
        return failures;
    }

    [Fact]
    public void Threads_taking_turns_on_a_lock_each_find_it_held_once_and_leave_it_free()
    {
        using var @lock = new Lock();
        var wrong = 0;
        var failures = RunTurns(_ =>
        {
            @lock.Acquire();
            if (@lock.SemLock.Count != 1 || !@lock.SemLock.IsMine) Interlocked.Increment(ref wrong);
            @lock.Release();
        });
        Assert.Equal((0, 0), (failures, wrong));
        Assert.Equal(0, @lock.SemLock.Count);
        Assert.Equal(1, @lock.SemLock.Value);
    }

    [Fact]
    public void Threads_taking_turns_on_an_rlock_twice_over_each_own_it_alone_and_leave_it_free()
    {
        using var rlock = new RLock();
        var wrong = 0;
        var failures = RunTurns(_ =>
        {
            rlock.Acquire();
            rlock.Acquire();
            if (rlock.SemLock.Count != 2 || !rlock.SemLock.IsMine) Interlocked.Increment(ref wrong);
            rlock.Release();
            rlock.Release();
        });
        Assert.Equal((0, 0), (failures, wrong));
        Assert.Equal(0, rlock.SemLock.Count);
        Assert.Equal(1, rlock.SemLock.Value);
    }

    [Fact]
    public void Producer_and_consumer_threads_on_one_condition_hand_over_every_item_without_deadlock()
    {
        // Two threads put items under the condition and notify; two wait for one and take it. Every turn of a
        // consumer takes exactly one item, so all are handed over only if no notify is lost and the lock is never
        // held twice or left held by a sleeper.
        using var condition = new Condition(new Lock());
        var items = 0;
        var taken = 0;
        var failures = RunTurns(thread =>
        {
            using (condition.Enter())
            {
                if (thread % 2 == 0)
                {
                    items++;
                    condition.Notify();
                }
                else
                {
                    if (!condition.WaitFor(() => items > 0, Limit)) throw new TimeoutException("no item came");
                    items--;
                    taken++;
                }
            }
        });
        Assert.Equal(0, failures);
        Assert.Equal((0, Threads / 2 * Turns), (items, taken));
    }
}
