using PyCompat.Multiprocessing;
using PyCompat.Multiprocessing.Synchronize;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_event.py</c>: one worker waits for an event, another gives up after 2 seconds.</summary>
[PyExample("multiprocessing_event")]
public static class MultiprocessingEvent
{
    /// <summary><c>def wait_for_event(e)</c>: wait for the event to be set before doing anything.</summary>
    [PyTarget("multiprocessing_event", "wait_for_event")]
    public static void WaitForEvent(Event e)
    {
        Console.WriteLine("wait_for_event: starting");
        e.Wait();
        Console.WriteLine($"wait_for_event: e.is_set()-> {(e.IsSet() ? "True" : "False")}");
    }

    /// <summary><c>def wait_for_event_timeout(e, t)</c>: wait t seconds and then time out.</summary>
    [PyTarget("multiprocessing_event", "wait_for_event_timeout")]
    public static void WaitForEventTimeout(Event e, double t)
    {
        Console.WriteLine("wait_for_event_timeout: starting");
        e.Wait(t);
        Console.WriteLine($"wait_for_event_timeout: e.is_set()-> {(e.IsSet() ? "True" : "False")}");
    }

    /// <summary>The script's <c>if __name__ == '__main__':</c> block.</summary>
    public static void Main()
    {
        var e = new Event();
        var w1 = new Process(target: WaitForEvent, args: [e], name: "block");
        w1.Start();

        var w2 = new Process(target: WaitForEventTimeout, args: [e, 2], name: "nonblock");
        w2.Start();

        Console.WriteLine("main: waiting before calling Event.set()");
        Thread.Sleep(TimeSpan.FromSeconds(3));
        e.Set();
        Console.WriteLine("main: event is set");
    }
}
