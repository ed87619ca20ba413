using System.Runtime.InteropServices;
using PyCompat.Multiprocessing;

namespace PyCompat.Mapping.TestTargets;

/// <summary>C# ports of <c>mapped_behaviour.py</c>'s and <c>mapped_mixed.py</c>'s targets.</summary>
public static partial class BehaviourPorts
{
    /// <summary>Writes what the child knows of itself and its parent, as the Python target does.</summary>
    [PyTarget("mapped_behaviour", "identity")]
    public static void Identity(string path)
    {
        var me = Process.CurrentProcess();
        var parent = Process.ParentProcess() ?? throw new InvalidOperationException("no parent process");
        File.WriteAllText(path,
            $"{me.Name}\n{Environment.ProcessId}\n{GetParentPid()}\n{parent.Pid}\n{parent.Name}\n{(me.Daemon ? "True" : "False")}\n");
        File.WriteAllText(path + ".exe", Environment.ProcessPath);
    }

    [PyTarget("mapped_behaviour", "sleep_forever")]
    public static void SleepForever() => Thread.Sleep(Timeout.Infinite);

    [PyTarget("mapped_behaviour", "mark_then_sleep")]
    public static void MarkThenSleep(string path)
    {
        File.WriteAllText(path, "");
        SleepForever();
    }

    [PyTarget("mapped_behaviour", "exit_with")]
    public static void ExitWith(int code) => throw new SystemExit(code);

    [PyTarget("mapped_behaviour", "fail")]
    public static void Fail(string message) => throw new ArgumentException(message);

    [PyTarget("mapped_behaviour", "say")]
    public static void Say(string text) => Console.WriteLine(text);

    [PyTarget("mapped_behaviour", "late")]
    public static void Late(string text, double delay)
    {
        Thread.Sleep(TimeSpan.FromSeconds(delay));
        Console.WriteLine(text);
    }

    [PyTarget("mapped_mixed", "ported")]
    public static void Ported(int n) => Console.WriteLine($"ported: {n}");

    [LibraryImport("libc", EntryPoint = "getppid")]
    private static partial int GetParentPid();
}
