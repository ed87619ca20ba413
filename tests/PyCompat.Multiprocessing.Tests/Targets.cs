using PyCompat.Multiprocessing;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>Targets the tests start in real child processes; they report through files, since a child's stdout is the test host's.</summary>
public static class Targets
{
    public static void WriteText(string path, string text) => File.WriteAllText(path, text);

    public static void WriteOwnIdentity(string path)
    {
        var self = Process.CurrentProcess();
        var parent = Process.ParentProcess();
        File.WriteAllText(path, $"{self.Name}|{self.Pid}|{Environment.ProcessId}|{parent?.Pid}|{parent?.Name}|{self.Daemon}");
    }

    public static void Sum(string path, int a, long b, double c) => File.WriteAllText(path, (a + b + c).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static void Greet(string path, string greeting = "hello", string name = "world") => File.WriteAllText(path, $"{greeting}, {name}");

    public static void DoNothing()
    {
    }

    /// <summary>The GC settings the child runs with, as the GC itself reports them.</summary>
    public static void WriteGcSettings(string path)
    {
        var settings = GC.GetConfigurationVariables();
        File.WriteAllText(path, $"{settings["LOHThreshold"]}|{settings["ConcurrentGC"]}");
    }

    /// <summary>Two overloads: the child must run the one the parent chose.</summary>
    public static void Overloaded(string path) => File.WriteAllText(path, "one argument");

    public static void Overloaded(string path, int count) => File.WriteAllText(path, $"two arguments, {count}");

    public static void ExitWith(int code) => throw new SystemExit(code);

    public static void EnvironmentExit(int code) => Environment.Exit(code);

    public static void Throw(string message) => throw new InvalidOperationException(message);

    public static void SleepForever() => Thread.Sleep(Timeout.Infinite);

    public static void Sleep(int milliseconds) => Thread.Sleep(milliseconds);

    /// <summary>Starts a grandchild that writes its identity, so nested names can be checked.</summary>
    public static void StartGrandchild(string path)
    {
        var child = new Process(target: WriteOwnIdentity, args: [path]);
        child.Start();
        child.Join();
    }

    /// <summary>Starts a daemon that sleeps forever and a non-daemon that writes a file after a while, then returns without joining.</summary>
    public static void StartChildrenAndReturn(string daemonPidPath, string lateFilePath)
    {
        var daemon = new Process(target: SleepForever, daemon: true);
        daemon.Start();
        File.WriteAllText(daemonPidPath, daemon.Pid.ToString());
        new Process(target: WriteLate, args: [lateFilePath]).Start();
    }

    public static void WriteLate(string path)
    {
        Thread.Sleep(300);
        File.WriteAllText(path, "late");
    }
}

/// <summary>C# ports of the functions in python/pyports.py, for the CPython-parent tests.</summary>
public static class PyPorts
{
    [PyTarget("pyports", "report_runtime")]
    public static void ReportRuntime(string path) => File.WriteAllText(path, $"dotnet {Environment.ProcessId}");

    /// <summary>A class instance the worker cannot turn into a .NET type arrives as a PyObject naming its class.</summary>
    [PyTarget("pyports", "describe")]
    public static void Describe(string path, object? value) =>
        File.WriteAllText(path, value is Pickling.PyObject o ? o.Type.ToString() : value?.GetType().FullName ?? "None");

    [PyTarget("pyports", "sleep_forever")]
    public static void SleepForever() => Thread.Sleep(Timeout.Infinite);

    [PyTarget("pyports", "exit_with")]
    public static void ExitWith(int code) => throw new SystemExit(code);

    [PyTarget("pyports", "raise_error")]
    public static void RaiseError(string message) => throw new ArgumentException(message);
}

/// <summary>A C# parent, itself in a worker child, whose own child is the book's Python worker.</summary>
public static class ReverseTargets
{
    public static void RunBooksPythonWorker(string pyexamples)
    {
        var p = new Process(ProcessTarget.Python("multiprocessing_import_worker", "worker", pyexamples));
        p.Start();
        p.Join();
    }
}
