using PyCompat.Multiprocessing;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_daemon.py</c>: the daemon is terminated when the main program ends, before it says it is exiting.</summary>
[PyExample("multiprocessing_daemon")]
public static class MultiprocessingDaemon
{
    /// <summary><c>def daemon()</c>: prints its name and pid, sleeps 2 s, prints again (never, as the parent ends first).</summary>
    [PyTarget("multiprocessing_daemon", "daemon")]
    public static void Daemon()
    {
        var p = Process.CurrentProcess();
        Console.WriteLine($"Starting: {p.Name} {p.Pid}");
        Console.Out.Flush();
        Thread.Sleep(TimeSpan.FromSeconds(2));
        Console.WriteLine($"Exiting : {p.Name} {p.Pid}");
        Console.Out.Flush();
    }

    /// <summary><c>def non_daemon()</c>.</summary>
    [PyTarget("multiprocessing_daemon", "non_daemon")]
    public static void NonDaemon()
    {
        var p = Process.CurrentProcess();
        Console.WriteLine($"Starting: {p.Name} {p.Pid}");
        Console.Out.Flush();
        Console.WriteLine($"Exiting : {p.Name} {p.Pid}");
        Console.Out.Flush();
    }

    /// <summary>The script's <c>if __name__ == "__main__":</c> block.</summary>
    public static void Main()
    {
        var d = new Process(name: "daemon", target: Daemon) { Daemon = true };
        var n = new Process(name: "non-daemon", target: NonDaemon) { Daemon = false };

        d.Start();
        Thread.Sleep(TimeSpan.FromSeconds(1));
        n.Start();
    }
}
