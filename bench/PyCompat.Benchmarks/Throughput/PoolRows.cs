using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PyCompat.Benchmarks.Processes;
using PyCompat.Benchmarks.Targets;
using PyCompat.Multiprocessing.Pooling;

namespace PyCompat.Benchmarks.Throughput;

/// <summary>
/// <c>pool [--quick] [--python PATH]</c>: bench/pool/pool_bench.py's workload (what bench/pool/compare.py alternates)
/// through three pools of 2 in one run, rounds interleaved: CPython's Pool with Python workers (<c>python3</c>), the same
/// Pool with .NET workers (<c>pycompat run --map</c> with PoolBenchPorts), and the C# Pool doing the same in this
/// process. CPU-bound: 8 x count_primes(limit), chunksize 1, wall time; tiny tasks: increment over N ints with chunksize
/// 1 and with map's default chunksize (the median of 5 maps), tasks per second. Every pool is warmed up first (each
/// worker has run a task).
/// </summary>
public static class PoolRows
{
    private sealed record Figures(int Primes, double CpuSeconds, double Chunk1PerSecond, double DefaultPerSecond);

    /// <summary>pool_bench.py's DEFAULT_REPEATS: a map at the default chunksize (8 chunks, a few ms) is timed this many
    /// times and the median taken, as one such map is shorter than a scheduling hiccup.</summary>
    private const int DefaultRepeats = 5;

    private static readonly string[] Kinds = ["CPython Pool, Python workers", "CPython Pool, .NET workers (`--map`)", "C# Pool, .NET workers"];

    /// <summary>Runs the rows; returns their markdown and adds their goals.</summary>
    public static string Run(string[] args)
    {
        var quick = args.Contains("--quick");
        // Three rounds in --quick too, the kinds interleaved, median of the rounds: a default-chunksize map is a few ms,
        // and with one round the ratios moved by a third between runs on 2 cores (a few seconds more of --quick).
        var rounds = 3;
        var (limit, tiny) = quick ? (100_000, 20_000) : (200_000, 40_000);
        var machine = Machine.Discover(ProcessesSuite.Option(args, "--python"), null);
        var script = Path.Combine(machine.RepoRoot, "bench", "pool", "pool_bench.py");
        var targets = typeof(PoolBenchPorts).Assembly.Location;
        var results = Kinds.ToDictionary(k => k, _ => new List<Figures>());
        var failures = new Dictionary<string, string>();
        for (var round = 0; round < rounds; round++)
            foreach (var kind in Kinds)
            {
                if (failures.ContainsKey(kind)) continue;
                ProcessesSuite.Progress($"pool: {kind}, round {round + 1}/{rounds}");
                try
                {
                    results[kind].Add(kind switch
                    {
                        _ when kind == Kinds[0] => Parse(Child.Run(machine.Python, [script, Inv(limit), Inv(tiny)], Child.BaseEnvironment(), keepStdout: true)),
                        _ when kind == Kinds[1] => Parse(Child.Run(machine.Pycompat,
                            ["run", "--python", machine.Python, "--map", "--targets", targets, script, Inv(limit), Inv(tiny)], Child.BaseEnvironment(), keepStdout: true)),
                        _ => Csharp(limit, tiny, targets),
                    });
                }
                catch (Exception error) when (error is InvalidOperationException or JsonException or TaskException)
                {
                    failures[kind] = Child.FirstLine(error.Message);
                    ProcessesSuite.Progress($"pool: {kind} failed: {failures[kind]}");
                }
            }
        var primes = results.Values.SelectMany(r => r).Select(f => f.Primes).Distinct().ToList();
        if (primes.Count > 1) throw new InvalidOperationException($"the pools disagree on count_primes({limit}): {string.Join(", ", primes)}");

        double M(string kind, Func<Figures, double> field) => ProcessesSuite.Median(results[kind].Select(field).ToList());
        string Cell(string kind, Func<Figures, double> field, string format) =>
            failures.TryGetValue(kind, out var why) ? $"failed: {why}" : M(kind, field).ToString(format, CultureInfo.InvariantCulture);

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"## Pool(2) ({(quick ? "--quick" : "full")} run)");
        sb.AppendLine();
        sb.Append(CultureInfo.InvariantCulture, $"bench/pool/pool_bench.py under `python3` and under `pycompat run --map` (PoolBenchPorts: count_primes and increment in C#), ");
        sb.AppendLine(CultureInfo.InvariantCulture, $"and the C# Pool with the same ports; rounds interleaved, median of {rounds}. Load average: {Machine.LoadAverage()}.");
        sb.AppendLine();
        sb.AppendLine("| workload | " + string.Join(" | ", Kinds) + " |");
        sb.AppendLine("|---|" + string.Concat(Kinds.Select(_ => "---:|")));
        sb.Append(CultureInfo.InvariantCulture, $"| CPU-bound: 8 x count_primes({limit:N0}) [s] | ").AppendLine(string.Join(" | ", Kinds.Select(k => Cell(k, f => f.CpuSeconds, "0.000"))) + " |");
        sb.Append(CultureInfo.InvariantCulture, $"| {tiny:N0} tiny tasks, chunksize 1 [tasks/s] | ").AppendLine(string.Join(" | ", Kinds.Select(k => Cell(k, f => f.Chunk1PerSecond, "N0"))) + " |");
        sb.Append(CultureInfo.InvariantCulture, $"| {tiny:N0} tiny tasks, default chunksize [tasks/s] | ").AppendLine(string.Join(" | ", Kinds.Select(k => Cell(k, f => f.DefaultPerSecond, "N0"))) + " |");

        var cpython = Kinds[0];
        foreach (var kind in Kinds.Skip(1))
        {
            var who = kind.Replace(", .NET workers", " with .NET workers", StringComparison.Ordinal);
            foreach (var (what, field) in new (string, Func<Figures, double>)[] { ("chunksize 1", f => f.Chunk1PerSecond), ("default chunksize", f => f.DefaultPerSecond) })
            {
                var goal = $"Pool(2) tiny tasks, {what}: {who} >= CPython's Pool with Python workers";
                if (failures.TryGetValue(kind, out var why) || failures.TryGetValue(cpython, out why)) Goals.NotMeasured(goal, why);
                else Goals.AtLeast(goal, Cell(kind, field, "N0") + " tasks/s", Cell(cpython, field, "N0") + " tasks/s", M(kind, field) / M(cpython, field), 1.0);
            }
        }
        foreach (var kind in Kinds.Skip(1))
        {
            var goal = $"CPU-bound count_primes through Pool(2): C# port ({kind}) at least 10x faster than the Python original (CPython's Pool)";
            if (failures.TryGetValue(kind, out var why) || failures.TryGetValue(cpython, out why)) Goals.NotMeasured(goal, why);
            else Goals.AtMost(goal, Cell(kind, f => f.CpuSeconds, "0.000") + " s", Cell(cpython, f => f.CpuSeconds, "0.000") + " s",
                M(kind, f => f.CpuSeconds) / M(cpython, f => f.CpuSeconds), 0.1);
        }
        return sb.ToString();
    }

    private static Figures Parse(Child.Outcome outcome)
    {
        var line = outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        var e = JsonDocument.Parse(line).RootElement;
        return new Figures(e.GetProperty("primes").GetInt32(), e.GetProperty("cpu_s").GetDouble(),
            e.GetProperty("tiny_chunk1_per_s").GetDouble(), e.GetProperty("tiny_default_per_s").GetDouble());
    }

    /// <summary>pool_bench.py's main in C#: the same warm-up, maps and checks, through the C# Pool.</summary>
    private static Figures Csharp(int limit, int tiny, string targets)
    {
        using var pool = new Pool(2, assemblies: [targets]);
        pool.Map<long, long>(PoolBenchPorts.Increment, Enumerable.Range(0, 8).Select(i => (long)i), 1);
        var watch = Stopwatch.StartNew();
        var primes = pool.Map<int, int>(PoolBenchPorts.CountPrimes, Enumerable.Repeat(limit, 8), 1);
        var cpu = watch.Elapsed.TotalSeconds;
        var items = Enumerable.Range(0, tiny).Select(i => (long)i).ToList();
        watch.Restart();
        var one = pool.Map<long, long>(PoolBenchPorts.Increment, items, 1);
        var chunk1 = tiny / watch.Elapsed.TotalSeconds;
        if (!one.SequenceEqual(items.Select(x => x + 1)))
            throw new InvalidOperationException("the C# Pool's increment results (chunksize 1) differ from x + 1");
        var times = new List<double>();
        for (var i = 0; i < DefaultRepeats; i++)
        {
            watch.Restart();
            var all = pool.Map<long, long>(PoolBenchPorts.Increment, items);
            times.Add(watch.Elapsed.TotalSeconds);
            if (!all.SequenceEqual(items.Select(x => x + 1)))
                throw new InvalidOperationException("the C# Pool's increment results (default chunksize) differ from x + 1");
        }
        var byDefault = tiny / ProcessesSuite.Median(times);
        pool.Close();
        pool.Join();
        return new Figures(primes[0], cpu, chunk1, byDefault);
    }

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);
}
