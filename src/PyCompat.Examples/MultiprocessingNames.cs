using PyCompat.Multiprocessing;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_names.py</c>: names given at construction, and the default <c>Process-3</c>.</summary>
[PyExample("multiprocessing_names")]
public static class MultiprocessingNames
{
    /// <summary><c>def worker()</c>.</summary>
    [PyTarget("multiprocessing_names", "worker")]
    public static void Worker()
    {
        var name = Process.CurrentProcess().Name;
        Console.WriteLine($"{name} Starting");
        Thread.Sleep(TimeSpan.FromSeconds(2));
        Console.WriteLine($"{name} Exiting");
    }

    /// <summary><c>def my_service()</c>.</summary>
    [PyTarget("multiprocessing_names", "my_service")]
    public static void MyService()
    {
        var name = Process.CurrentProcess().Name;
        Console.WriteLine($"{name} Starting");
        Thread.Sleep(TimeSpan.FromSeconds(3));
        Console.WriteLine($"{name} Exiting");
    }

    /// <summary>The script's <c>if __name__ == "__main__":</c> block.</summary>
    public static void Main()
    {
        var service = new Process(name: "my_service", target: MyService);
        var worker1 = new Process(name: "worker 1", target: Worker);
        var worker2 = new Process(target: Worker); // default name

        worker1.Start();
        worker2.Start();
        service.Start();
    }
}
