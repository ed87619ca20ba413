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
/// against CPython in one run, in the four pairings of parent and child: CPython with CPython (python/throughput.py),
/// CPython with a .NET child (the same script under <c>pycompat run --map</c>, the child the worker host running
/// ThroughputTargets' port), a C# parent with a CPython child (<see cref="ProcessTarget.Python"/>) and a C# parent
/// with a .NET child. Each figure is timed from the parent's first put (send) to the child's acknowledgment of the last
/// item, the child already running. The 1 MB rows also time a bare os.pipe (the ceiling a Connection is measured
/// against). Then the pool rows (<see cref="PoolRows"/>) and the manager rows (<see cref="ManagerRows"/>). Prints
/// markdown on stdout, progress on stderr, and adds its goals to <see cref="Goals"/>.
/// </summary>
public static class ThroughputSuite
{
    private sealed record Load(string Name, string Unit, int Count, int Size);

    /// <summary>A parent and child: how the row's figure is taken.</summary>
    private enum Pairing { CpythonCpython, CpythonDotnet, CsharpCpython, CsharpDotnet }

    private static readonly (Pairing Kind, string Label)[] Pairings =
    [
        (Pairing.CpythonCpython, "CPython parent + CPython child"),
        (Pairing.CpythonDotnet, "CPython parent + .NET child (`--map`)"),
        (Pairing.CsharpCpython, "C# parent + CPython child"),
        (Pairing.CsharpDotnet, "C# parent + .NET child"),
    ];

    /// <summary>Runs the suite: queues and connections, then pools, then managers, then where a small item's time goes.</summary>
    public static int Run(string[] args)
    {
        var output = new StringBuilder();
        output.Append(Messages(args));
        output.AppendLine(PoolRows.Run(args));
        output.AppendLine(ManagerRows.Run(args));
        output.AppendLine(ComponentRows.Run(args));
        Console.Write(output.ToString());
        return 0;
    }

    /// <summary>Queue and Connection rows in the four pairings, and the bare pipe.</summary>
    private static string Messages(string[] args)
    {
        var quick = args.Contains("--quick");
        // Three rounds in a quick run too: one round of a pairing moved its ratio by a third between runs. With the mapped
        // child's three rounds (ProcessesSuite) the quick suites went from 62 to 88 s.
        var rounds = quick ? 3 : 5;
        var machine = Machine.Discover(ProcessesSuite.Option(args, "--python"), null);
        var script = Path.Combine(machine.RepoRoot, "bench", "PyCompat.Benchmarks", "Throughput", "python", "throughput.py");
        Environment.SetEnvironmentVariable("PYCOMPAT_PYTHON", machine.Python);
        Load[] loads =
        [
            new("Queue, small items (ints)", "msgs/s", quick ? 100_000 : 300_000, 0),
            new("Connection, 100 B messages", "msgs/s", quick ? 100_000 : 300_000, 100),
            new("Connection, 1 MB messages", "MB/s", quick ? 300 : 1_000, 1_000_000),
        ];
        var loadBefore = Machine.LoadAverage();
        var output = new StringBuilder();
        output.AppendLine(CultureInfo.InvariantCulture, $"## Throughput ({(quick ? "--quick" : "full")} run, {DateTime.Now:yyyy-MM-dd HH:mm})");
        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine.Describe()}. Load average before: {loadBefore}.");
        output.Append(CultureInfo.InvariantCulture, $"One parent, one child already running, the pairings interleaved round after round; median of {rounds} round(s). ");
        output.AppendLine("The `--map` column is python/throughput.py under `pycompat run --map` (its child the worker host running the C# port); " +
            "the bare pipe is os.pipe written in 1 MB chunks and read with readinto by a forked child, the bare socketpair the same over socket.socketpair() (a duplex Pipe()'s transport). ratio = the pairing / CPython parent + CPython child, above 1.00 faster.");
        output.AppendLine();
        output.AppendLine("| load | items | " + string.Join(" | ", Pairings.Select(p => p.Label)) + " | bare os.pipe | bare socketpair |");
        output.AppendLine("|---|---:|" + string.Concat(Pairings.Select(_ => "---:|")) + "---:|---:|");
        var targets = typeof(ThroughputTargets).Assembly.Location;
        foreach (var load in loads)
        {
            var times = Pairings.ToDictionary(p => p.Kind, _ => new List<double>());
            var pipe = new List<double>();
            var socketpair = new List<double>();
            string? bareFailure = null;
            var failures = new Dictionary<Pairing, string>();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var (kind, label) in Pairings)
                {
                    if (failures.ContainsKey(kind)) continue;
                    ProcessesSuite.Progress($"throughput: {load.Name}, {label}, round {round + 1}/{rounds}");
                    try
                    {
                        times[kind].Add(kind switch
                        {
                            Pairing.CpythonCpython => Cpython(machine, script, load, null),
                            Pairing.CpythonDotnet => Cpython(machine, script, load, targets),
                            Pairing.CsharpCpython => Csharp(load, ProcessTarget.Python("throughput", load.Size == 0 ? "consume_queue" : "read_conn",
                                Path.GetDirectoryName(script)!)),
                            _ => Csharp(load, null),
                        });
                    }
                    catch (InvalidOperationException error)
                    {
                        failures[kind] = Child.FirstLine(error.Message);
                        ProcessesSuite.Progress($"throughput: {label} failed: {failures[kind]}");
                    }
                }
                if (load.Size >= 1_000_000 && bareFailure is null)
                {
                    ProcessesSuite.Progress($"throughput: {load.Name}, bare os.pipe and socketpair, round {round + 1}/{rounds}");
                    try
                    {
                        pipe.Add(Child.Seconds(Child.Run(machine.Python, [script, "pipe", Inv(load.Count), Inv(load.Size)], Child.BaseEnvironment(), keepStdout: true)));
                        socketpair.Add(Child.Seconds(Child.Run(machine.Python, [script, "socketpair", Inv(load.Count), Inv(load.Size)], Child.BaseEnvironment(), keepStdout: true)));
                    }
                    catch (InvalidOperationException error)
                    {
                        bareFailure = Child.FirstLine(error.Message);
                        pipe.Clear();
                        socketpair.Clear();
                        ProcessesSuite.Progress($"throughput: the bare transports failed: {bareFailure}");
                    }
                }
            }
            string Rate(Pairing kind) => failures.TryGetValue(kind, out var why) ? $"failed: {why}" : Format(load, ProcessesSuite.Median(times[kind]));
            var cpython = ProcessesSuite.Median(times[Pairing.CpythonCpython]);
            var cells = Pairings.Select(p => p.Kind == Pairing.CpythonCpython || failures.ContainsKey(p.Kind)
                ? Rate(p.Kind)
                : Inv($"{Rate(p.Kind)} ({cpython / ProcessesSuite.Median(times[p.Kind]):0.00})"));
            var pipeCell = pipe.Count == 0 ? "" : Format(load, ProcessesSuite.Median(pipe));
            var socketpairCell = socketpair.Count == 0 ? "" : Format(load, ProcessesSuite.Median(socketpair));
            output.AppendLine(CultureInfo.InvariantCulture, $"| {load.Name} | {load.Count:N0} | {string.Join(" | ", cells)} | {pipeCell} | {socketpairCell} |");

            foreach (var (kind, label) in Pairings.Where(p => p.Kind != Pairing.CpythonCpython))
            {
                var goal = $"{load.Name}, {label} >= CPython parent + child";
                if (failures.TryGetValue(kind, out var why) || failures.TryGetValue(Pairing.CpythonCpython, out why))
                    Goals.NotMeasured(goal, why);
                else
                    Goals.AtLeast(goal, Rate(kind), Rate(Pairing.CpythonCpython), cpython / ProcessesSuite.Median(times[kind]), 1.0);
            }
            if (bareFailure is not null)
                Goals.NotMeasured($"{load.Name}, C# parent + .NET child >= 80% of a bare os.pipe", bareFailure);
            if (pipe.Count > 0 && !failures.ContainsKey(Pairing.CsharpDotnet))
            {
                // The ratio here is to the bare transport, not to CPython: the ceiling a Connection could reach.
                Goals.AtLeast($"{load.Name}, C# parent + .NET child >= 80% of a bare os.pipe (ratio to the pipe)", Rate(Pairing.CsharpDotnet), $"pipe: {pipeCell}",
                    ProcessesSuite.Median(pipe) / ProcessesSuite.Median(times[Pairing.CsharpDotnet]), 0.8);
                Goals.AtLeast($"{load.Name}, C# parent + .NET child >= 80% of a bare socketpair, a duplex Pipe()'s transport (ratio to it)", Rate(Pairing.CsharpDotnet),
                    $"socketpair: {socketpairCell}", ProcessesSuite.Median(socketpair) / ProcessesSuite.Median(times[Pairing.CsharpDotnet]), 0.8);
            }
        }
        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"Load average after: {Machine.LoadAverage()}.");
        output.AppendLine();
        return output.ToString();
    }

    private static string Format(Load load, double seconds) => load.Unit == "MB/s"
        ? string.Create(CultureInfo.InvariantCulture, $"{(double)load.Count * load.Size / 1e6 / seconds:N0} MB/s")
        : string.Create(CultureInfo.InvariantCulture, $"{load.Count / seconds:N0} msgs/s");

    /// <summary>A CPython parent; its child is CPython's, or with <paramref name="targets"/> the worker host (mapped mode).</summary>
    private static double Cpython(Machine machine, string script, Load load, string? targets)
    {
        string[] args = load.Size == 0 ? [script, "queue", Inv(load.Count)] : [script, "conn", Inv(load.Count), Inv(load.Size)];
        var outcome = targets is null
            ? Child.Run(machine.Python, args, Child.BaseEnvironment(), keepStdout: true)
            : Child.Run(machine.Pycompat, ["run", "--python", machine.Python, "--map", "--targets", targets, .. args], Child.BaseEnvironment(), keepStdout: true);
        return Child.Seconds(outcome);
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

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
