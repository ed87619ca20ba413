using Conn = PyCompat.Multiprocessing.Connection;
using PyCompat.Multiprocessing.Queues;
using Queue = PyCompat.Multiprocessing.Queues.Queue;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>C# ports of python/queue_ports.py: children of either kind of parent that share connections and queues.</summary>
public static class QueueTargets
{
    [PyTarget("queue_ports", "echo")]
    public static void Echo(Conn conn)
    {
        conn.Send(new PyTuple("echo", conn.Recv()));
        conn.Close();
    }

    [PyTarget("queue_ports", "simple_echo")]
    public static void SimpleEcho(SimpleQueue inbox, SimpleQueue outbox) => outbox.Put(new PyTuple("echo", inbox.Get()));

    [PyTarget("queue_ports", "produce")]
    public static void Produce(Queue q, int start, int count, int batch)
    {
        for (var first = start; first < start + count; first += batch)
            q.Put(Enumerable.Range(first, Math.Min(batch, start + count - first)).Cast<object?>().ToList());
    }

    [PyTarget("queue_ports", "consume")]
    public static void Consume(Queue q, string path)
    {
        using var file = new StreamWriter(path);
        while (q.Get<List<int>?>() is { } items)
            foreach (var item in items) file.Write($"{item}\n");
    }

    [PyTarget("queue_ports", "do_tasks")]
    public static void DoTasks(JoinableQueue q, string path)
    {
        while (true)
        {
            var task = q.Get();
            if (task is null)
            {
                q.TaskDone();
                break;
            }
            Thread.Sleep(10);
            File.AppendAllText(path, $"{task}\n");
            q.TaskDone();
        }
    }

    [PyTarget("queue_ports", "try_timeouts")]
    public static void TryTimeouts(Queue q, string path)
    {
        var results = new List<string>();
        results.Add(Outcome(() => q.Get(true, 0.2), "got"));
        results.Add(Outcome(() => q.GetNowait(), "got"));
        q.Put("first");
        results.Add(Outcome(() => q.Put("second", true, 0.2), "put"));
        results.Add((string)q.Get()!);
        File.WriteAllText(path, string.Join(' ', results));
    }

    private static string Outcome(Action action, string success)
    {
        try
        {
            action();
            return success;
        }
        catch (Exception error) when (error is Empty or Full)
        {
            return error.GetType().Name;
        }
    }

    private static string Outcome(Func<object?> action, string success) => Outcome(() => { action(); }, success);
}
