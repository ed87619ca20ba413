using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PyCompat.Benchmarks.Targets;
using MpProcess = PyCompat.Multiprocessing.Process;

namespace PyCompat.Benchmarks.Processes;

/// <summary>
/// <c>memory-cs N WORKDIR RESULT.json</c>: the C# side of python/memory.py, same protocol: N live children, their PSS
/// summed once all run, then the parent's own peak RSS (VmHWM).
/// </summary>
public static class MemoryCs
{
    /// <summary>Runs the measurement and writes the result file.</summary>
    public static int Run(string[] args)
    {
        var n = int.Parse(args[0], CultureInfo.InvariantCulture);
        var work = args[1];
        var ready = Path.Combine(work, "ready");
        var go = Path.Combine(work, "go");
        Directory.CreateDirectory(ready);
        var watch = Stopwatch.StartNew();
        var jobs = new MpProcess[n];
        for (var i = 0; i < n; i++)
        {
            jobs[i] = new MpProcess(target: HoldTarget.Hold, args: [ready, go]);
            jobs[i].Start();
        }
        while (Directory.GetFiles(ready).Length < n)
        {
            if (jobs.Any(p => p.ExitCode is { } code && code != 0))
            {
                Console.Error.WriteLine("memory-cs: a child failed");
                File.WriteAllText(go, "");
                return 1;
            }
            Thread.Sleep(5);
        }
        var allRunning = watch.Elapsed.TotalMilliseconds;
        var childrenPss = jobs.Sum(p => ProcStatus.PssKb(p.Pid!.Value.ToString(CultureInfo.InvariantCulture)));
        var parentPss = ProcStatus.PssKb("self");
        File.WriteAllText(go, "");
        foreach (var p in jobs) p.Join();
        File.WriteAllText(args[2], JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["parent_peak_kb"] = ProcStatus.Kb("self", "VmHWM"),
            ["parent_pss_kb"] = parentPss,
            ["children_pss_kb"] = childrenPss,
            ["all_running_ms"] = allRunning,
        }));
        return 0;
    }
}

/// <summary>Reads /proc/PID/status and smaps_rollup.</summary>
internal static class ProcStatus
{
    public static long Kb(string pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return 0;
    }

    public static long PssKb(string pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
        }
        return 0;
    }
}
