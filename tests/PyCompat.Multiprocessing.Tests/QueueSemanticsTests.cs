using System.Text.RegularExpressions;
using PyCompat.Multiprocessing.Queues;
using PyCompat.Pickling;
using Queue = PyCompat.Multiprocessing.Queues.Queue;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>Queue, JoinableQueue and SimpleQueue do what CPython's do, case by case, read from CPython at test time
/// (python/queue_ports.py semantics): results, Empty and Full with and without timeouts, and the misuse messages.</summary>
public sealed partial class QueueSemanticsTests
{
    /// <summary>The .NET exception that stands for each Python one.</summary>
    private static readonly Dictionary<string, Type> Counterparts = new()
    {
        ["Empty"] = typeof(Empty),
        ["Full"] = typeof(Full),
        ["ValueError"] = typeof(InvalidOperationException),
        ["AssertionError"] = typeof(InvalidOperationException),
        ["OSError"] = typeof(OSError),
    };

    [Fact]
    public async Task Every_case_gives_the_result_or_the_exception_and_message_CPython_gives()
    {
        var result = await Python.RunAsync([Python.Script("queue_ports.py"), "semantics"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var expected = result.Lines.Select(line => line.Split(": ", 2)).ToDictionary(parts => parts[0], parts => parts[1]);
        var ours = OurCases();
        Assert.Equal(expected.Keys, ours.Keys);
        foreach (var (name, outcome) in expected)
        {
            var (ourOutcome, ourError) = ours[name];
            if (outcome.StartsWith("ok ", StringComparison.Ordinal) || ourError is null)
            {
                Assert.True(outcome == ourOutcome, $"{name}: CPython gives '{outcome}', we give '{ourOutcome}'");
                continue;
            }
            var (type, message) = (outcome.Split(": ", 2)[0], outcome.Split(": ", 2).ElementAtOrDefault(1) ?? "");
            Assert.True(Counterparts[type] == ourError.GetType(), $"{name}: CPython raises {type}, we raise {ourError.GetType().Name}");
            if (message.Length > 0)
                Assert.True(Repr().Replace(ourError.Message, "<queue>").StartsWith(message, StringComparison.Ordinal),
                    $"{name}: CPython says '{message}', we say '{ourError.Message}'");
        }
    }

    private static Dictionary<string, (string Outcome, Exception? Error)> OurCases()
    {
        var cases = new Dictionary<string, (string, Exception?)>();
        void Case(string name, Func<object?> action)
        {
            try
            {
                cases[name] = ("ok " + PyRepr.Repr(action()), null);
            }
            catch (Exception e)
            {
                cases[name] = ($"{e.GetType().Name}: {e.Message}", e);
            }
        }
        void Do(string name, Action action) => Case(name, () =>
        {
            action();
            return null;
        });

        using var q = new Queue(2);
        Case("get_nowait on empty", q.GetNowait);
        Case("get with timeout on empty", () => q.Get(true, 0.1));
        Case("get without block on empty", () => q.Get(false));
        Do("put two", () =>
        {
            q.Put(1);
            q.PutNowait(2);
        });
        Case("qsize", () => q.QSize());
        Case("full", () => q.Full());
        Do("put_nowait on full", () => q.PutNowait(3));
        Do("put with timeout on full", () => q.Put(3, true, 0.1));
        Case("get one", () => q.Get());
        Case("get with timeout", () => q.Get(true, 5));
        Case("empty after getting all", () => q.Empty());
        Do("join_thread before close", q.JoinThread);
        q.Close();
        Do("put after close", () => q.Put(1));
        Case("get after close", () => q.Get());
        Do("join_thread after close", q.JoinThread);
        using var j = new JoinableQueue();
        j.Put("task");
        Case("joinable get", () => j.Get());
        Do("task_done", j.TaskDone);
        Do("task_done too many", j.TaskDone);
        Do("join with no task left", j.Join);
        using var s = new SimpleQueue();
        Case("simple empty", () => s.Empty());
        s.Put(new List<object?> { 1, "two" });
        Case("simple get", s.Get);
        s.Close();
        Case("simple get after close", s.Get);
        return cases;
    }

    [Fact]
    public async Task GetAsync_returns_an_item_put_later_and_stops_when_cancelled()
    {
        using var q = new Queue();
        var pending = q.GetAsync();
        q.Put("later");
        Assert.Equal("later", await pending.WaitAsync(TimeSpan.FromSeconds(30)));
        using var cancel = new CancellationTokenSource();
        var waiting = q.GetAsync(cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void A_lock_put_on_a_queue_fails_as_cpython_refuses_it_and_the_queue_still_works()
    {
        using var q = new Queue();
        using var @lock = new Synchronize.Lock();
        var error = Console.Error;
        var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            q.Put(@lock);
            q.Put("after");
            Assert.Equal("after", q.Get(true, 30));
        }
        finally
        {
            Console.SetError(error);
        }
        // CPython's feeder prints the traceback and drops the item; its place in the queue is given back.
        Assert.Contains("Lock objects should only be shared between processes through inheritance", captured.ToString());
        Assert.Equal(0, q.QSize());
    }

    [Fact]
    public void A_queue_still_delivers_what_is_put_after_the_exit_time_handler_flushed_its_feeder()
    {
        // Process.JoinAllAtExit may be called before the end; the queues stay usable after it.
        using var q = new Queue();
        q.Put(1);
        // What the exit handler's priority-10 finalizer does to this queue's feeder.
        q.Feeder!.Flush();
        q.Put(2);
        Assert.Equal([1, 2], new[] { q.Get(true, 30), q.Get(true, 30) }.Cast<int>().Order());
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Repr();
}
