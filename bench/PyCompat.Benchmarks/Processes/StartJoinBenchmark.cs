using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PyCompat.Examples.ImportWorker;
using MpProcess = PyCompat.Multiprocessing.Process;

namespace PyCompat.Benchmarks.Processes;

/// <summary>
/// <c>startjoin-cs N WARMUP ITERATIONS RESULT.json</c>: BenchmarkDotNet (in-process, one start+join of N processes an
/// operation) times the C# <see cref="MpProcess"/> API; the worker is whatever PYCOMPAT_WORKER names. The orchestrator
/// runs this as a child process with stdout discarded, since every child prints "Worker".
/// </summary>
public static class StartJoinCs
{
    /// <summary>Runs the measurement and writes <c>{"times_ms": [...]}</c>, one entry per measured operation.</summary>
    public static int Run(string[] args)
    {
        StartJoinBenchmark.Count = int.Parse(args[0], CultureInfo.InvariantCulture);
        // Warm-up operations start 2 processes whatever N is (as python/startjoin.py does): JIT tiers, forkserver and
        // the like are warm after that, and a warm-up of 50 processes would cost seconds.
        StartJoinBenchmark.WarmupOperations = int.Parse(args[1], CultureInfo.InvariantCulture);
        var iterations = int.Parse(args[2], CultureInfo.InvariantCulture);
        var result = args[3];
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(iterations)
            .WithInvocationCount(1).WithUnrollFactor(1);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(ConsoleLogger.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "pycompat-bench-bdn"))
            .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.DisableOptimizationsValidator);
        var summary = BenchmarkRunner.Run<StartJoinBenchmark>(config);
        var childCpu = StartJoinBenchmark.MeasuredChildCpuMs / (StartJoinBenchmark.Count * (double)iterations);
        var report = summary.Reports.SingleOrDefault();
        if (report is null || !report.Success)
        {
            Console.Error.WriteLine("startjoin-cs: BenchmarkDotNet reported no result");
            return 1;
        }
        if (StartJoinBenchmark.Failure is { } failure)
        {
            Console.Error.WriteLine($"startjoin-cs: {failure}");
            return 1;
        }
        var times = report.AllMeasurements
            .Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual)
            .Select(m => m.Nanoseconds / m.Operations / 1e6)
            .ToArray();
        File.WriteAllText(result, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["times_ms"] = times,
            ["child_cpu_ms"] = childCpu,
            ["peak_rss_kb"] = ProcStatus.Kb("self", "VmHWM"),
        }));
        return 0;
    }
}

/// <summary>One operation: start N processes running the book's worker, then join them all (as the scripts do).</summary>
public class StartJoinBenchmark
{
    /// <summary>Processes per operation.</summary>
    public static int Count { get; set; } = 1;

    /// <summary>Start+join operations of 2 processes each, run once before BenchmarkDotNet measures.</summary>
    public static int WarmupOperations { get; set; }

    /// <summary>The first child that did not exit 0, if any.</summary>
    public static string? Failure { get; private set; }

    /// <summary>CPU time (user + system) of the children reaped during the measured operations.</summary>
    public static double MeasuredChildCpuMs { get; private set; }

    private static double _cpuBefore;

    /// <summary>Warm-up: a few small operations.</summary>
    [GlobalSetup]
    public void Warmup()
    {
        for (var i = 0; i < WarmupOperations; i++) StartJoin(2);
        _cpuBefore = Rusage.ChildrenCpuMs();
    }

    /// <summary>Records the children's CPU time.</summary>
    [GlobalCleanup]
    public void Cleanup() => MeasuredChildCpuMs = Rusage.ChildrenCpuMs() - _cpuBefore;

    /// <summary>Start and join <see cref="Count"/> processes.</summary>
    [Benchmark]
    public void StartJoin() => StartJoin(Count);

    private static void StartJoin(int count)
    {
        var jobs = new MpProcess[count];
        for (var i = 0; i < jobs.Length; i++)
        {
            jobs[i] = new MpProcess(target: MultiprocessingImportWorker.Worker);
            jobs[i].Start();
        }
        foreach (var p in jobs)
        {
            p.Join();
            if (p.ExitCode != 0) Failure ??= $"{p} exited with {p.ExitCode}";
        }
    }
}

/// <summary>getrusage(RUSAGE_CHILDREN): CPU time of the reaped children, as Python's resource module reports it.</summary>
internal static unsafe partial class Rusage
{
    [System.Runtime.InteropServices.LibraryImport("libc")]
    private static partial int getrusage(int who, long* usage);

    public static double ChildrenCpuMs()
    {
        const int children = -1;
        var usage = stackalloc long[18]; // struct rusage on 64-bit Linux: two timevals, then 14 longs
        if (getrusage(children, usage) != 0) return double.NaN;
        return (usage[0] + usage[2]) * 1000.0 + (usage[1] + usage[3]) / 1000.0;
    }
}
