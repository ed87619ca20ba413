using PyCompat.Multiprocessing;
using PyCompat.Multiprocessing.Managers;
using PyCompat.Multiprocessing.Synchronize;
using PyCompat.Pickling;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_namespaces_mutable.py</c>: appending to a list read from a Namespace changes a
/// copy, not the manager's value.</summary>
[PyExample("multiprocessing_namespaces_mutable")]
public static class MultiprocessingNamespacesMutable
{
    /// <summary><c>def producer(ns, event)</c>: DOES NOT UPDATE GLOBAL VALUE! (<c>ns["my_list"]</c> is a copy).</summary>
    [PyTarget("multiprocessing_namespaces_mutable", "producer")]
    public static void Producer(NamespaceProxy ns, Event @event)
    {
        ((List<object?>)ns["my_list"]!).Add("This is the value");
        @event.Set();
    }

    /// <summary><c>def consumer(ns, event)</c>: <c>print(..., ns.my_list)</c> prints the list's Python repr.</summary>
    [PyTarget("multiprocessing_namespaces_mutable", "consumer")]
    public static void Consumer(NamespaceProxy ns, Event @event)
    {
        Console.WriteLine($"Before event: {PyRepr.Str(ns["my_list"])}");
        @event.Wait();
        Console.WriteLine($"After event : {PyRepr.Str(ns["my_list"])}");
    }

    /// <summary>The script's <c>if __name__ == '__main__':</c> block.</summary>
    public static void Main()
    {
        using var mgr = Manager.Start();
        var ns = mgr.Namespace();
        ns["my_list"] = new List<object?>();

        var @event = new Event();
        var p = new Process(target: Producer, args: [ns, @event]);
        var c = new Process(target: Consumer, args: [ns, @event]);

        c.Start();
        p.Start();

        c.Join();
        p.Join();
    }
}
