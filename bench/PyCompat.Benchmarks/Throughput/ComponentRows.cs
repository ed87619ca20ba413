using System.Diagnostics;
using System.Globalization;
using System.Text;
using PyCompat.Benchmarks.Processes;
using PyCompat.Multiprocessing;
using PyCompat.Pickling;
using Lock = PyCompat.Multiprocessing.Synchronize.Lock;

namespace PyCompat.Benchmarks.Throughput;

/// <summary>
/// <c>components [--quick] [--python PATH]</c>: where a small queue item's or a chunksize-1 pool task's time goes,
/// step by step, PyCompat against CPython in one run, each timed in one process (python/components.py is CPython's
/// side): unpickling a queue item (an int, protocol 4 as queues write it) and pickling one, unpickling a pool task
/// <c>(job, i, func, (x,), {})</c> and pickling its result <c>(job, i, (True, value))</c>, a Lock's acquire and
/// release (the read lock every <c>get</c> takes), and an 8-byte message through a Pipe (send and receive). No goals:
/// the rows say which step makes the queue and pool rows above slower or faster than CPython's.
/// </summary>
public static class ComponentRows
{
    private static readonly string[] Steps = ["loads-item", "dumps-item", "loads-task", "dumps-result", "lock", "pipe"];

    /// <summary>Runs the rows; returns their markdown.</summary>
    public static string Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var (n, rounds) = quick ? (20_000, 3) : (100_000, 7);
        var machine = Machine.Discover(ProcessesSuite.Option(args, "--python"), null);
        var script = Path.Combine(machine.RepoRoot, "bench", "PyCompat.Benchmarks", "Throughput", "python", "components.py");
        ProcessesSuite.Progress("components: CPython");
        var cpython = new Dictionary<string, double>();
        string? failed = null;
        try
        {
            var output = Child.Run(machine.Python, [script, Inv(n), Inv(rounds)], Child.BaseEnvironment(), keepStdout: true).Stdout;
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = line.Split(' ');
                if (parts.Length == 2) cpython[parts[0]] = double.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }
        catch (InvalidOperationException error)
        {
            failed = Child.FirstLine(error.Message);
        }
        ProcessesSuite.Progress("components: PyCompat");
        var dotnet = Measure(n, rounds);

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"## Where a small item's time goes ({(quick ? "--quick" : "full")} run, per operation, best of {rounds} x {n:N0})");
        sb.AppendLine();
        sb.AppendLine("| step | PyCompat [us] | CPython [us] | ratio |");
        sb.AppendLine("|---|---:|---:|---:|");
        foreach (var step in Steps)
        {
            var ours = dotnet[step].ToString("0.000", CultureInfo.InvariantCulture);
            var theirs = cpython.TryGetValue(step, out var t) ? t.ToString("0.000", CultureInfo.InvariantCulture) : $"not measured: {failed ?? "no line"}";
            var ratio = cpython.TryGetValue(step, out var c) && c > 0 ? (dotnet[step] / c).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {Describe(step)} | {ours} | {theirs} | {ratio} |");
        }
        sb.AppendLine();
        return sb.ToString();
    }

    private static string Describe(string step) => step switch
    {
        "loads-item" => "unpickle a queue item (an int, protocol 4)",
        "dumps-item" => "pickle a queue item",
        "loads-task" => "unpickle a pool task (job, i, func, (x,), {})",
        "dumps-result" => "pickle a task's result (job, i, (True, value))",
        "lock" => "Lock acquire + release (a get's read lock)",
        _ => "8-byte message through a Pipe (send + receive)",
    };

    private static Dictionary<string, double> Measure(int n, int rounds)
    {
        var item = PyPickle.Dumps(12345L, 4);
        var task = PyPickle.Dumps(new PyTuple(7L, 0L, new PyGlobal("__main__", "increment"), new PyTuple(5L), new PyDict()), 4);
        var result = new PyTuple(7L, 0L, new PyTuple(true, 6L));
        using var @lock = new Lock();
        var (reader, writer) = Connection.Pipe(duplex: false);
        using var r = reader;
        using var w = writer;
        var message = new byte[8];
        var steps = new Dictionary<string, Action>
        {
            ["loads-item"] = () => PyPickle.Loads(item, PickleLoadOptions.Trusted),
            ["dumps-item"] = () => PyPickle.Dumps(12345L, 4),
            ["loads-task"] = () => PyPickle.Loads(task, PickleLoadOptions.Trusted),
            ["dumps-result"] = () => PyPickle.Dumps(result, 4),
            ["lock"] = () =>
            {
                @lock.Acquire();
                @lock.Release();
            },
            ["pipe"] = () =>
            {
                w.SendBytes(message);
                r.RecvBytes();
            },
        };
        return steps.ToDictionary(s => s.Key, s => Best(n, rounds, s.Value));
    }

    private static double Best(int n, int rounds, Action step)
    {
        for (var i = 0; i < n / 10; i++) step(); // warm: JIT and tiering, as CPython's loop needs none
        var best = double.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < n; i++) step();
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMicroseconds / n);
        }
        return best;
    }

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);
}
