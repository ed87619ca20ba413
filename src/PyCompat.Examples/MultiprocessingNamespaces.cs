using PyCompat.Multiprocessing;
using PyCompat.Multiprocessing.Managers;
using PyCompat.Multiprocessing.Synchronize;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_namespaces.py</c>: a value set on a manager's Namespace is seen by another
/// process; read before it is set, it is CPython's AttributeError.</summary>
[PyExample("multiprocessing_namespaces")]
public static class MultiprocessingNamespaces
{
    /// <summary><c>def producer(ns, event)</c>: <c>ns.value = ...</c> is <c>ns["value"] = ...</c>.</summary>
    [PyTarget("multiprocessing_namespaces", "producer")]
    public static void Producer(NamespaceProxy ns, Event @event)
    {
        ns["value"] = "This is the value";
        @event.Set();
    }

    /// <summary><c>def consumer(ns, event)</c>: the AttributeError reaches C# as a <see cref="PythonError"/> whose
    /// message is Python's <c>str(err)</c>.</summary>
    [PyTarget("multiprocessing_namespaces", "consumer")]
    public static void Consumer(NamespaceProxy ns, Event @event)
    {
        try
        {
            Console.WriteLine($"Before event: {ns["value"]}");
        }
        catch (PythonError err)
        {
            Console.WriteLine($"Before event, error: {err.Message}");
        }
        @event.Wait();
        Console.WriteLine($"After event: {ns["value"]}");
    }

    /// <summary>The script's <c>if __name__ == '__main__':</c> block.</summary>
    public static void Main()
    {
        using var mgr = Manager.Start();
        var ns = mgr.Namespace();
        var @event = new Event();
        var p = new Process(target: Producer, args: [ns, @event]);
        var c = new Process(target: Consumer, args: [ns, @event]);

        c.Start();
        p.Start();

        c.Join();
        p.Join();
    }
}
