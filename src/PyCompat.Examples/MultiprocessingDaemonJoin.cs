using PyCompat.Multiprocessing;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_daemon_join.py</c>: joining the daemon lets it finish.</summary>
[PyExample("multiprocessing_daemon_join")]
public static class MultiprocessingDaemonJoin
{
    /// <summary><c>def daemon()</c>.</summary>
    [PyTarget("multiprocessing_daemon_join", "daemon")]
    public static void Daemon()
    {
        var name = Process.CurrentProcess().Name;
        Console.WriteLine($"Starting: {name}");
        Thread.Sleep(TimeSpan.FromSeconds(2));
        Console.WriteLine($"Exiting : {name}");
    }

    /// <summary><c>def non_daemon()</c>.</summary>
    [PyTarget("multiprocessing_daemon_join", "non_daemon")]
    public static void NonDaemon()
    {
        var name = Process.CurrentProcess().Name;
        Console.WriteLine($"Starting: {name}");
        Console.WriteLine($"Exiting : {name}");
    }

    /// <summary>The script's <c>if __name__ == "__main__":</c> block.</summary>
    public static void Main()
    {
        var d = new Process(name: "daemon", target: Daemon) { Daemon = true };
        var n = new Process(name: "non-daemon", target: NonDaemon) { Daemon = false };

        d.Start();
        Thread.Sleep(TimeSpan.FromSeconds(1));
        n.Start();

        d.Join();
        n.Join();
    }
}
