using PyCompat.Multiprocessing;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_daemon_join_timeout.py</c>: <c>join(1)</c> returns while the daemon still sleeps.</summary>
[PyExample("multiprocessing_daemon_join_timeout")]
public static class MultiprocessingDaemonJoinTimeout
{
    /// <summary><c>def daemon()</c>.</summary>
    [PyTarget("multiprocessing_daemon_join_timeout", "daemon")]
    public static void Daemon()
    {
        var name = Process.CurrentProcess().Name;
        Console.WriteLine($"Starting: {name}");
        Thread.Sleep(TimeSpan.FromSeconds(2));
        Console.WriteLine($"Exiting : {name}");
    }

    /// <summary><c>def non_daemon()</c>.</summary>
    [PyTarget("multiprocessing_daemon_join_timeout", "non_daemon")]
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
        n.Start();

        d.Join(1);
        Console.WriteLine($"d.is_alive() {d.IsAlive}");
        n.Join();
    }
}
