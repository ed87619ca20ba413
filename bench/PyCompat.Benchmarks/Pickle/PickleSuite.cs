using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PyCompat.Pickling;

namespace PyCompat.Benchmarks.Pickle;

/// <summary>
/// <c>pickle [--quick] [--repeat N]</c>: PyPickle vs CPython 3's C pickle on the six payloads, protocols 2 and 5,
/// in one run: CPython makes the pickles and times itself (best of N), then PyCompat is timed on the same bytes.
/// Full mode uses BenchmarkDotNet (in-process); <c>--quick</c> a Stopwatch, best of N, for a fast look.
/// </summary>
public static class PickleSuite
{
    /// <summary>Runs the suite; prints the markdown table on stdout.</summary>
    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var repeatAt = Array.IndexOf(args, "--repeat");
        var repeat = repeatAt >= 0 ? int.Parse(args[repeatAt + 1], CultureInfo.InvariantCulture) : quick ? 5 : 15;
        var payloads = PayloadSet.Generate(repeat);
        var rows = quick ? Quick(payloads, repeat) : WithBenchmarkDotNet(payloads);
        Print(rows, quick ? $"Stopwatch, best of {repeat}" : "BenchmarkDotNet (in-process), min of its iterations");
        return 0;
    }

    private sealed record Row(Payload Payload, string Op, TimeSpan Cpython, TimeSpan PyCompat, TimeSpan? Median);

    private static List<Row> Quick(IReadOnlyList<Payload> payloads, int repeat)
    {
        // Long enough for tiered compilation to reach its optimized code (30 calls, then a 100 ms delay) in every
        // payload's loop; 0.5 s rather than more keeps bench/run --quick within its 3 minutes (docs/performance.md).
        var warmup = TimeSpan.FromMilliseconds(500);
        var rows = new List<Row>();
        foreach (var payload in payloads)
        {
            var value = PyPickle.Loads(payload.Pickle);
            rows.Add(new Row(payload, "loads", payload.CpythonLoads, Best(() => PyPickle.Loads(payload.Pickle), repeat, warmup), null));
            rows.Add(new Row(payload, "dumps", payload.CpythonDumps, Best(() => PyPickle.Dumps(value, payload.Protocol), repeat, warmup), null));
            Console.Error.WriteLine($"pycompat: {payload.Key} done");
        }
        return rows;
    }

    private static TimeSpan Best(Func<object?> action, int repeat, TimeSpan warmup)
    {
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < warmup) action(); // warm-up: past tier-0 code and on-stack replacement
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < repeat; i++)
        {
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(action());
            watch.Stop();
            if (watch.Elapsed < best) best = watch.Elapsed;
        }
        return best;
    }

    private static List<Row> WithBenchmarkDotNet(IReadOnlyList<Payload> payloads)
    {
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
                .WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<PickleBenchmarks>(config);
        var byKey = payloads.ToDictionary(p => p.Key);
        var rows = new List<Row>();
        foreach (var report in summary.Reports)
        {
            if (report.ResultStatistics is not { } stats) continue;
            var payload = byKey[((Payload)report.BenchmarkCase.Parameters["Payload"]).Key];
            var op = report.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(PickleBenchmarks.Loads) ? "loads" : "dumps";
            rows.Add(new Row(payload, op, op == "loads" ? payload.CpythonLoads : payload.CpythonDumps,
                TimeSpan.FromTicks((long)(stats.Min / 100)), TimeSpan.FromTicks((long)(stats.Median / 100))));
        }
        return rows.OrderBy(r => payloads.ToList().IndexOf(r.Payload)).ThenBy(r => r.Op == "dumps").ToList();
    }

    private static void Print(List<Row> rows, string method)
    {
        Console.WriteLine("## Pickle");
        Console.WriteLine();
        Console.WriteLine($"PyCompat vs CPython {PythonVersion()} C pickle; PyCompat: {method}; CPython: timeit, best of N.");
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC.");
        Console.WriteLine();
        Console.WriteLine("| payload | protocol | op | size | CPython | PyCompat | ratio | goal (<= 1.0x) |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            var ratio = r.PyCompat.TotalSeconds / r.Cpython.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Payload.Name} | {r.Payload.Protocol} | {r.Op} | {r.Payload.Pickle.Length:N0} | {Ms(r.Cpython)} | {Ms(r.PyCompat)} | {ratio:0.00}x | {(ratio <= 1.0 ? "met" : "not met")} |"));
        }
        Console.WriteLine();
        foreach (var op in new[] { "loads", "dumps" })
        {
            var cells = rows.Where(r => r.Op == op).Select(r => (r, ratio: r.PyCompat.TotalSeconds / r.Cpython.TotalSeconds)).ToList();
            if (cells.Count == 0) continue;
            var worst = cells.MaxBy(c => c.ratio);
            var met = cells.Count(c => c.ratio <= 1.0);
            Goals.Summary($"pickle `{op}` <= 1.0x CPython on every payload and protocol ({cells.Count / 2} payloads x protocols 2, 5)",
                $"{met} of {cells.Count} cells met; worst {worst.r.Payload.Key}: {Ms(worst.r.PyCompat)}", $"{Ms(worst.r.Cpython)}",
                string.Create(CultureInfo.InvariantCulture, $"{cells.Min(c => c.ratio):0.00}-{worst.ratio:0.00}x"), met == cells.Count);
        }
    }

    private static string Ms(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:0.00} ms");

    private static string PythonVersion()
    {
        try
        {
            var info = new ProcessStartInfo("python3", "-c \"import platform; print(platform.python_version())\"")
            { RedirectStandardOutput = true, UseShellExecute = false };
            using var p = Process.Start(info)!;
            var v = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return v;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "3";
        }
    }
}
