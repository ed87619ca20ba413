using PyCompat.Multiprocessing;

namespace PyCompat.Mapping.TestTargets;

/// <summary>C# ports of <c>mapped_queue.py</c>'s targets.</summary>
public static class QueuePorts
{
    /// <summary>A port that could not use a Queue it was given; mapped mode must keep such a process in CPython.</summary>
    [PyTarget("mapped_queue", "put")]
    public static void Put(object? queue, object? value) =>
        throw new InvalidOperationException($"a .NET child cannot use {queue}; this port must not run");

    [PyTarget("mapped_queue", "show")]
    public static void Show(string value) => Console.WriteLine($"shown: {value}");
}
