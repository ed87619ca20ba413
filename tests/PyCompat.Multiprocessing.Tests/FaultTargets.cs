using PyCompat.Multiprocessing;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>C# parents (run inside a worker host by the tests) that stage faults and load for their own children.</summary>
public static class FaultTargets
{
    public static void StartThrowingChild()
    {
        var child = new Process(target: Targets.Throw, args: ["boom"], name: "Thrower");
        child.Start();
        child.Join();
    }

    public static void StartRaisingPythonChild(string pyportsFolder)
    {
        var child = new Process(ProcessTarget.Python("pyports", "raise_error", pyportsFolder), ["boom"], name: "PyRaiser");
        child.Start();
        child.Join();
    }

    public static void PrintLines(int child, int count)
    {
        for (var line = 0; line < count; line++)
            Console.WriteLine($"child {child} line {line}");
    }

    /// <summary>Starts <paramref name="children"/> children at once, each printing <paramref name="lines"/> lines.</summary>
    public static void StartPrinters(int children, int lines)
    {
        var all = Enumerable.Range(0, children).Select(i => new Process(target: PrintLines, args: [i, lines])).ToList();
        all.ForEach(p => p.Start());
    }

    /// <summary>Starts a daemon and a non-daemon child, reports their pids, then waits to be killed.</summary>
    public static void StartChildrenThenHang(string pidsPath, string survivorPath)
    {
        var daemon = new Process(target: Targets.SleepForever, daemon: true);
        var survivor = new Process(target: WriteAfter, args: [survivorPath, 1500]);
        daemon.Start();
        survivor.Start();
        File.WriteAllText(pidsPath + ".tmp", $"{daemon.Pid} {survivor.Pid}");
        File.Move(pidsPath + ".tmp", pidsPath);
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Starts a daemon CPython child that sleeps forever, reports its pid, then waits to be killed.</summary>
    public static void StartPythonDaemonThenHang(string pidPath, string pyportsFolder)
    {
        var daemon = new Process(ProcessTarget.Python("pyports", "sleep_forever", pyportsFolder), daemon: true);
        daemon.Start();
        File.WriteAllText(pidPath + ".tmp", daemon.Pid.ToString());
        File.Move(pidPath + ".tmp", pidPath);
        Thread.Sleep(Timeout.Infinite);
    }

    public static void WriteAfter(string path, int milliseconds)
    {
        Thread.Sleep(milliseconds);
        // Written aside and moved, so a reader waiting for the file never finds it created but still empty.
        File.WriteAllText(path + ".tmp", "finished");
        File.Move(path + ".tmp", path);
    }
}
