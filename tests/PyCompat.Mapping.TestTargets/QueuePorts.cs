using PyCompat.Multiprocessing;
using Queue = PyCompat.Multiprocessing.Queues.Queue;

namespace PyCompat.Mapping.TestTargets;

/// <summary>C# ports of <c>mapped_queue.py</c>'s and <c>mapped_shared_value.py</c>'s targets.</summary>
public static class QueuePorts
{
    /// <summary>A .NET child puts on the CPython parent's queue.</summary>
    [PyTarget("mapped_queue", "put")]
    public static void Put(Queue queue, object? value) => queue.Put(value);

    [PyTarget("mapped_queue", "show")]
    public static void Show(string value) => Console.WriteLine($"shown: {value}");

    /// <summary>A port that could not use the shared Value it was given; mapped mode must keep such a process in CPython.</summary>
    [PyTarget("mapped_shared_value", "use")]
    public static void Use(object? value) =>
        throw new InvalidOperationException($"a .NET child cannot use {value}; this port must not run");
}
