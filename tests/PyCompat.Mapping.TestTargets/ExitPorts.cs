using PyCompat.Multiprocessing;
using PyCompat.Multiprocessing.Synchronize;
using Lock = PyCompat.Multiprocessing.Synchronize.Lock;

namespace PyCompat.Mapping.TestTargets;

/// <summary>C# ports of <c>mapped_exit.py</c>'s targets.</summary>
public static class ExitPorts
{
    [PyTarget("mapped_exit", "set_event")]
    public static void SetEvent(Event @event, Lock @lock)
    {
        using (@lock.Enter())
        {
            @event.Set();
            Console.WriteLine($"set_event: event.is_set() -> {(@event.IsSet() ? "True" : "False")}");
        }
    }
}
