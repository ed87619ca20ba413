using System.Diagnostics;
using System.Globalization;
using System.Text;
using PyCompat.Benchmarks.Processes;
using PyCompat.Benchmarks.Targets;
using PyCompat.Multiprocessing;
using MpProcess = PyCompat.Multiprocessing.Process;
using Queue = PyCompat.Multiprocessing.Queues.Queue;

namespace PyCompat.Benchmarks.Throughput;

/// <summary>
/// <c>throughput [--quick] [--python PATH]</c>: messages through one Queue and one Connection, parent to child, PyCompat
/// against CPython in one run. Each figure is timed from the parent's first put (send) to the child's acknowledgment of
/// the last item, the child already running: a C# parent with a .NET child, a C# parent with a CPython child, and
/// CPython with CPython (python/throughput.py). Prints markdown on stdout, progress on stderr.
/// </summary>
public static class ThroughputSuite
{
    private sealed record Load(string Name, string Unit, int Count, int Size);

    /// <summary>Runs the suite.</summary>
    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var rounds = quick ? 1 : 3;
        var machine = Machine.Discover(ProcessesSuite.Option(args, "--python"), null);
        var script = Path.Combine(machine.RepoRoot, "bench", "PyCompat.Benchmarks", "Throughput", "python", "throughput.py");
        Environment.SetEnvironmentVariable("PYCOMPAT_PYTHON", machine.Python);
        Load[] loads =
        [
            new("Queue, small items (ints)", "msgs/s", quick ? 50_000 : 200_000, 0),
            new("Connection, 100 B messages", "msgs/s", quick ? 50_000 : 200_000, 100),
            new("Connection, 1 MB messages", "MB/s", quick ? 50 : 200, 1_000_000),
        ];
        var loadBefore = Machine.LoadAverage();
        var output = new StringBuilder();
        output.AppendLine(CultureInfo.InvariantCulture, $"## Throughput ({(quick ? "--quick" : "full")} run, {DateTime.Now:yyyy-MM-dd HH:mm})");
        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine.Describe()}. Load average before: {loadBefore}.");
        output.AppendLine(CultureInfo.InvariantCulture,
            $"One parent, one child already running; median of {rounds} round(s); ratio = PyCompat (C# parent, .NET child) / CPython, above 1.00 means PyCompat is faster.");
        output.AppendLine();
        output.AppendLine("| load | items | CPython parent + child | C# parent + CPython child | C# parent + .NET child | ratio |");
        output.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var load in loads)
        {
            var times = new Dictionary<string, List<double>> { ["cpython"] = [], ["mixed"] = [], ["dotnet"] = [] };
            for (var round = 0; round < rounds; round++)
            {
                ProcessesSuite.Progress($"throughput: {load.Name}, round {round + 1}/{rounds}");
                times["cpython"].Add(Cpython(machine, script, load));
                times["mixed"].Add(Csharp(load, ProcessTarget.Python("throughput", load.Size == 0 ? "consume_queue" : "read_conn",
                    Path.GetDirectoryName(script)!)));
                times["dotnet"].Add(Csharp(load, null));
            }
            string Rate(string kind) => Format(load, ProcessesSuite.Median(times[kind]));
            var ratio = ProcessesSuite.Median(times["cpython"]) / ProcessesSuite.Median(times["dotnet"]);
            output.AppendLine(CultureInfo.InvariantCulture,
                $"| {load.Name} | {load.Count:N0} | {Rate("cpython")} | {Rate("mixed")} | {Rate("dotnet")} | {ratio:0.00} |");
        }
        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"Load average after: {Machine.LoadAverage()}.");
        Console.Write(output.ToString());
        return 0;
    }

    private static string Format(Load load, double seconds) => load.Unit == "MB/s"
        ? string.Create(CultureInfo.InvariantCulture, $"{(double)load.Count * load.Size / 1e6 / seconds:N0} MB/s")
        : string.Create(CultureInfo.InvariantCulture, $"{load.Count / seconds:N0} msgs/s");

    private static double Cpython(Machine machine, string script, Load load)
    {
        string[] args = load.Size == 0 ? [script, "queue", Inv(load.Count)] : [script, "conn", Inv(load.Count), Inv(load.Size)];
        var outcome = Child.Run(machine.Python, args, Child.BaseEnvironment(), keepStdout: true);
        return double.Parse(outcome.Stdout.Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>A C# parent; the child is .NET when <paramref name="python"/> is null, else that CPython target.</summary>
    private static double Csharp(Load load, ProcessTarget? python) =>
        load.Size == 0 ? CsharpQueue(load.Count, python) : CsharpConnection(load.Count, load.Size, python);

    private static double CsharpQueue(int n, ProcessTarget? python)
    {
        using var q = new Queue();
        using var results = new Queue();
        var child = python is null
            ? new MpProcess(target: ThroughputTargets.ConsumeQueue, args: [q, results])
            : new MpProcess(python, [q, results]);
        child.Start();
        results.Get();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) q.Put(i);
        q.Put(null);
        var got = results.Get();
        var elapsed = watch.Elapsed.TotalSeconds;
        child.Join();
        return got is int count && count == n ? elapsed : throw new InvalidOperationException($"the child counted {got}, not {n}");
    }

    private static double CsharpConnection(int n, int size, ProcessTarget? python)
    {
        var (mine, theirs) = Connection.Pipe();
        using (mine)
        using (theirs)
        {
            var child = python is null
                ? new MpProcess(target: ThroughputTargets.ReadConn, args: [theirs, n])
                : new MpProcess(python, [theirs, n]);
            child.Start();
            mine.RecvBytes();
            var payload = new byte[size];
            Array.Fill(payload, (byte)'x');
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < n; i++) mine.SendBytes(payload);
            var total = long.Parse(Encoding.ASCII.GetString(mine.RecvBytes()), CultureInfo.InvariantCulture);
            var elapsed = watch.Elapsed.TotalSeconds;
            child.Join();
            return total == (long)n * size ? elapsed : throw new InvalidOperationException($"the child got {total} bytes, not {(long)n * size}");
        }
    }

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);
}
