using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PyCompat.Benchmarks.Processes;

/// <summary>
/// <c>processes [--quick] [--python PATH] [--aot-worker PATH]</c>: PyCompat against CPython in one run, every figure a
/// ratio of two numbers taken side by side: (a) start+join of 1, 5 and 50 processes, the C# API against CPython's fork,
/// forkserver and spawn; (c) <c>pycompat run</c> against <c>python3</c> on the book's scripts; (d) the mapped child
/// (the worker host as a CPython spawn child) against a CPython spawn child, and <c>pycompat run --map</c> when the CLI
/// has it; (e) the peak memory of a parent with 50 children. Prints markdown on stdout, progress on stderr.
/// </summary>
public static class ProcessesSuite
{
    private static readonly int[] Counts = [1, 5, 50];
    private static readonly string[] BookScripts = ["multiprocessing_simple", "multiprocessing_simpleargs", "multiprocessing_import_main"];

    private sealed record Settings(bool Quick, int Rounds)
    {
        public (int Warmup, int Iterations) StartJoin(int n) => (Quick, n) switch
        {
            (true, 1) => (2, 8),
            (true, 5) => (2, 3),
            (true, _) => (2, 1),
            (false, 1) => (3, 20),
            (false, 5) => (3, 8),
            (false, _) => (3, 4),
        };

        public (int Warmup, int Runs) Whole => Quick ? (1, 3) : (2, 8);

        /// <summary>The book's scripts the whole-script rows run: one in a quick run, which must fit in 3 minutes with the build.</summary>
        public IEnumerable<string> Scripts(IEnumerable<string> all) => Quick ? all.Take(1) : all;
        public int MemoryRuns => Quick ? 1 : 3;
    }

    /// <summary>A way of starting processes: a CPython start method, or the C# API with a given worker.</summary>
    private sealed record Variant(string Label, string Kind, string? Worker = null, bool Prestart = false)
    {
        public bool IsCpython => Kind is "fork" or "forkserver" or "spawn";
    }

    /// <summary>Runs the suite.</summary>
    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var settings = new Settings(quick, quick ? 1 : 3);
        var machine = Machine.Discover(Option(args, "--python"), Option(args, "--aot-worker"));
        var output = new StringBuilder();
        var started = DateTime.Now;
        var loadBefore = Machine.LoadAverage();
        Progress($"processes: {(quick ? "quick" : "full")} run; load average {loadBefore}");

        var goals = new List<string>();
        output.AppendLine(StartJoinSection(machine, settings, goals));
        output.AppendLine(RunSection(machine, settings, goals));
        output.AppendLine(MappedSection(machine, settings));
        output.AppendLine(MemorySection(machine, settings));

        var header = new StringBuilder();
        header.AppendLine(CultureInfo.InvariantCulture, $"## Processes ({(quick ? "--quick" : "full")} run, {started:yyyy-MM-dd HH:mm})");
        header.AppendLine();
        header.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine.Describe()}.");
        header.AppendLine(CultureInfo.InvariantCulture,
            $"Load average (1, 5, 15 min) before: {loadBefore}; after: {Machine.LoadAverage()}; took {(DateTime.Now - started).TotalSeconds:0} s.");
        header.AppendLine("Every CPython run uses the interpreter above directly (not pyenv's shim) with PYTHONUNBUFFERED unset; " +
                          "ratio = PyCompat / CPython, so below 1.00 means PyCompat is faster or smaller.");
        header.AppendLine();
        header.AppendLine("### Goals");
        header.AppendLine();
        header.AppendLine("| goal | measured | status |");
        header.AppendLine("|---|---|---|");
        foreach (var g in goals) header.AppendLine(g);
        header.AppendLine();
        Console.Write(header.ToString());
        Console.Write(output.ToString());
        return 0;
    }

    // ---- (a) start+join ------------------------------------------------------------------------------------------

    private static string StartJoinSection(Machine machine, Settings settings, List<string> goals)
    {
        var variants = new List<Variant>
        {
            new("CPython fork", "fork"),
            new("CPython forkserver", "forkserver"),
            new("CPython spawn", "spawn"),
            new("PyCompat, JIT worker", "cs", machine.JitWorker),
        };
        if (machine.AotWorker is not null) variants.Add(new("PyCompat, NativeAOT worker", "cs", machine.AotWorker));
        if (PrestartAvailable)
        {
            variants.Add(new("PyCompat, JIT worker, prestarted", "cs", machine.JitWorker, Prestart: true));
            if (machine.AotWorker is not null)
                variants.Add(new("PyCompat, NativeAOT worker, prestarted", "cs", machine.AotWorker, Prestart: true));
        }

        var times = new Dictionary<(int, Variant), List<double>>();
        var cpu = new Dictionary<(int, Variant), List<double>>();
        var failures = new Dictionary<Variant, string>();
        for (var round = 0; round < settings.Rounds; round++)
            foreach (var n in Counts)
                foreach (var v in variants)
                {
                    Progress($"start+join: round {round + 1}/{settings.Rounds}, {n} x {v.Label}");
                    var (warmup, iterations) = settings.StartJoin(n);
                    var list = times.TryGetValue((n, v), out var l) ? l : times[(n, v)] = [];
                    var cl = cpu.TryGetValue((n, v), out var c0) ? c0 : cpu[(n, v)] = [];
                    if (failures.ContainsKey(v)) continue;
                    try
                    {
                        var (t, c) = StartJoin(machine, v, n, warmup, iterations);
                        list.AddRange(t);
                        cl.Add(c);
                    }
                    catch (InvalidOperationException error)
                    {
                        // A variant that fails is reported in its rows; the other rows still get measured.
                        failures[v] = FirstCause(error.Message);
                        Progress($"start+join: {v.Label} failed: {failures[v]}");
                    }
                }

        var sb = new StringBuilder();
        sb.AppendLine("### (a) Start+join of N processes (per child)");
        sb.AppendLine();
        sb.AppendLine("One operation starts N processes running the book's `multiprocessing_import_worker.worker` (prints `Worker`; " +
                      "the C# side runs its port) and joins them all. C#: BenchmarkDotNet, in-process toolchain, monitoring " +
                      "strategy, one operation an iteration; CPython: the same loop timed with `perf_counter`; both after warm-up operations of 2 processes each, " +
                      "children's stdout discarded. Median of the operations divided by N. Child CPU: user + system time of the reaped " +
                      "children (getrusage), per child, which a busy machine disturbs less than wall time (forkserver's children " +
                      "are the server's, so not counted).");
        sb.AppendLine();
        sb.AppendLine("| N | parent, child | ms per child (median) | min | vs fork | vs forkserver | vs spawn | child CPU [ms] |");
        sb.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        var jitRows = new List<(int N, double Ours, double Theirs)>();
        var aotRows = new List<(int N, double Ours, double Theirs)>();
        foreach (var n in Counts)
        {
            var fork = Median(times[(n, variants[0])]) / n;
            var forkserver = Median(times[(n, variants[1])]) / n;
            var spawn = Median(times[(n, variants[2])]) / n;
            foreach (var v in variants)
            {
                if (failures.TryGetValue(v, out var why))
                {
                    sb.AppendLine($"| {n} | {v.Label} | failed: {why} | | | | | |");
                    continue;
                }
                var per = Median(times[(n, v)]) / n;
                var min = times[(n, v)].Min() / n;
                var ratios = v.IsCpython ? "| | | |" : $"| {per / fork:0.00}x | {per / forkserver:0.00}x | {per / spawn:0.00}x |";
                var childCpu = v.Kind == "forkserver" ? "n/a" : Inv($"{Median(cpu[(n, v)]):0.0}");
                sb.AppendLine(Inv($"| {n} | {v.Label} | {per:0.00} | {min:0.00} {ratios} {childCpu} |"));
            }
            // Issue 17's goals: the JIT worker's child at most CPython's spawn child; the NativeAOT one's at most 1.5x a fork child.
            var jit = variants.Where(v => v.Kind == "cs" && v.Worker == machine.JitWorker && !failures.ContainsKey(v)).Select(v => (v, per: Median(times[(n, v)]) / n)).MinBy(x => x.per);
            if (jit.v is null)
                goals.Add($"| C# start+join, N={n}, JIT worker <= CPython spawn | not measured: {failures.First(f => f.Key.Worker == machine.JitWorker).Value} | not measured |");
            else
            {
                goals.Add(GoalRow($"C# start+join, N={n}, {jit.v.Label.Replace("PyCompat, ", "")} <= CPython spawn", jit.per / spawn, 1.0,
                    Inv($"{jit.per:0.00} vs {spawn:0.00} ms/child")));
                jitRows.Add((n, jit.per, spawn));
            }
            if (machine.AotWorker is not null && variants.Where(v => v.Worker == machine.AotWorker).All(failures.ContainsKey))
            {
                goals.Add($"| C# start+join, N={n}, NativeAOT worker <= 1.5x CPython fork | not measured: {failures[variants.First(v => v.Worker == machine.AotWorker)]} | not measured |");
            }
            else if (machine.AotWorker is not null)
            {
                var aot = variants.Where(v => v.Worker == machine.AotWorker && !failures.ContainsKey(v)).Select(v => (v, per: Median(times[(n, v)]) / n)).MinBy(x => x.per);
                goals.Add(GoalRow($"C# start+join, N={n}, {aot.v.Label.Replace("PyCompat, ", "")} <= 1.5x CPython fork", aot.per / fork, 1.5,
                    Inv($"{aot.per:0.00} vs {fork:0.00} ms/child")));
                aotRows.Add((n, aot.per, fork));
            }
            else
            {
                goals.Add($"| C# start+join, N={n}, NativeAOT worker <= 1.5x CPython fork | not measured: {machine.AotMissing} | not measured |");
            }
        }
        SummaryRow("C# `Process` start+join per child, JIT worker <= CPython spawn (N = 1 / 5 / 50)", jitRows, 1.0,
            failures.FirstOrDefault(f => f.Key.Worker == machine.JitWorker).Value);
        if (machine.AotWorker is null)
        {
            Goals.NotMeasured("C# `Process` start+join per child, NativeAOT worker <= 1.5x CPython fork (N = 1 / 5 / 50)", machine.AotMissing);
            Goals.Skip("NativeAOT worker rows", machine.AotMissing);
        }
        else
        {
            SummaryRow("C# `Process` start+join per child, NativeAOT worker <= 1.5x CPython fork (N = 1 / 5 / 50)", aotRows, 1.5,
                failures.FirstOrDefault(f => f.Key.Worker == machine.AotWorker).Value);
        }
        return sb.ToString();
    }

    private static (List<double> Times, double ChildCpu) StartJoin(Machine machine, Variant v, int n, int warmup, int iterations)
    {
        var result = Path.GetTempFileName();
        try
        {
            var count = n.ToString(CultureInfo.InvariantCulture);
            var w = warmup.ToString(CultureInfo.InvariantCulture);
            var it = iterations.ToString(CultureInfo.InvariantCulture);
            if (v.IsCpython)
            {
                Child.Run(machine.Python, [Path.Combine(machine.Scripts, "startjoin.py"), v.Kind, count, w, it, result],
                    Child.BaseEnvironment(new Dictionary<string, string?> { ["PYTHONPATH"] = machine.PyExamples }));
            }
            else
            {
                Child.Run(Environment.ProcessPath!, ["startjoin-cs", count, w, it, result],
                    Child.BaseEnvironment(new Dictionary<string, string?>
                    {
                        ["PYCOMPAT_WORKER"] = v.Worker,
                        [PrestartVariable] = v.Prestart ? "1" : null,
                    }));
            }
            using var doc = JsonDocument.Parse(File.ReadAllText(result));
            return (ReadTimes(result), doc.RootElement.GetProperty("child_cpu_ms").GetDouble());
        }
        finally
        {
            File.Delete(result);
        }
    }

    // ---- (c) pycompat run -----------------------------------------------------------------------------------------

    private static string RunSection(Machine machine, Settings settings, List<string> goals)
    {
        var sb = new StringBuilder();
        sb.AppendLine("### (c) `pycompat run` against `python3` on the book's scripts (whole process)");
        sb.AppendLine();
        var (warmup, runs) = settings.Whole;
        sb.AppendLine(Inv($"Wall time from start to exit of the whole command, the commands alternating, {warmup} warm-up runs each, then {runs * settings.Rounds} runs each; median.") +
                      " `pycompat run --python <the interpreter>` (probe cached after the warm-up); `python3` is the same interpreter run " +
                      "directly; the pyenv shim column is how a user types `python3` here.");
        sb.AppendLine();
        var aot = machine.AotCli;
        sb.AppendLine("| script | python3 [ms] | pycompat run [ms] | ratio | python3 via pyenv shim [ms] | pycompat vs shim |" +
                      (aot is null ? "" : " pycompat run, NativeAOT build [ms] | ratio |"));
        sb.AppendLine("|---|---:|---:|---:|---:|---:|" + (aot is null ? "" : "---:|---:|"));
        var shim = FindOnPath("python3");
        var whole = new List<(int N, double Ours, double Theirs)>();
        var wholeAot = new List<(int N, double Ours, double Theirs)>();
        foreach (var script in BookScripts)
        {
            var path = Path.Combine(machine.PyExamples, script + ".py");
            var commands = new List<(string Exe, string[] Args)>
            {
                (machine.Python, [path]),
                (machine.Pycompat, ["run", "--python", machine.Python, path]),
            };
            var shimAt = commands.Count;
            if (shim is not null) commands.Add((shim, [path]));
            var aotAt = commands.Count;
            if (aot is not null) commands.Add((aot, ["run", "--python", machine.Python, path]));
            Progress($"pycompat run: {script}");
            var t = Alternate(commands, warmup, runs * settings.Rounds, machine.PyExamples);
            var py = Median(t[0]);
            var pc = Median(t[1]);
            var sh = shim is null ? double.NaN : Median(t[shimAt]);
            var line = Inv($"| {script}.py | {py:0.0} | {pc:0.0} | {pc / py:0.00}x | {sh:0.0} | {pc / sh:0.00}x |");
            goals.Add(GoalRow($"`pycompat run {script}.py` <= 1.5x `python3`", pc / py, 1.5, Inv($"{pc:0.0} vs {py:0.0} ms")));
            whole.Add((whole.Count, pc, py));
            if (aot is not null)
            {
                var native = Median(t[aotAt]);
                line += Inv($" {native:0.0} | {native / py:0.00}x |");
                goals.Add(GoalRow($"`pycompat run {script}.py`, NativeAOT build, <= 1.5x `python3`", native / py, 1.5, Inv($"{native:0.0} vs {py:0.0} ms")));
                wholeAot.Add((wholeAot.Count, native, py));
            }
            sb.AppendLine(line);
        }
        var names = string.Join(" / ", BookScripts.Select(b => b.Replace("multiprocessing_", "")));
        SummaryRow("`pycompat run` <= 1.5x `python3`: " + names, whole, 1.5, null);
        var aotGoal = "`pycompat run`, its NativeAOT build (`-p:PyCompatCliAot=true`), <= 1.5x `python3`: " + names;
        if (aot is null) Goals.NotMeasured(aotGoal, machine.AotCliMissing);
        else SummaryRow(aotGoal, wholeAot, 1.5, null);
        // Where the difference comes from: the start-up of each program with no script work at all.
        Progress("pycompat run: start-up alone");
        var alone = new List<(string Exe, string[] Args)> { (machine.Python, ["-c", "pass"]), (machine.Pycompat, ["run", "--help"]) };
        if (aot is not null) alone.Add((aot, ["run", "--help"]));
        var startup = Alternate(alone, warmup, runs * settings.Rounds, machine.PyExamples);
        sb.AppendLine();
        sb.AppendLine("Start-up alone (what the ratio above is made of): `python3 -c pass` against `pycompat run --help` (.NET runtime and the CLI, no Python).");
        sb.AppendLine();
        sb.AppendLine("| command | median [ms] |");
        sb.AppendLine("|---|---:|");
        sb.AppendLine(Inv($"| `python3 -c pass` | {Median(startup[0]):0.0} |"));
        sb.AppendLine(Inv($"| `pycompat run --help` | {Median(startup[1]):0.0} |"));
        if (aot is not null) sb.AppendLine(Inv($"| `pycompat run --help`, NativeAOT build | {Median(startup[2]):0.0} |"));
        return sb.ToString();
    }

    // ---- (d) mapped child -----------------------------------------------------------------------------------------

    private static string MappedSection(Machine machine, Settings settings)
    {
        var sb = new StringBuilder();
        sb.AppendLine("### (d) Mapped child against CPython spawn child");
        sb.AppendLine();
        sb.AppendLine("A CPython parent (spawn) starts and joins 5 processes running `multiprocessing_import_worker.worker`; the mapped " +
                      "child is the PyCompat worker host given to `set_executable`, which runs the C# port (what mapped mode does " +
                      "for each process whose target has a port). Per child, the median over at least 3 rounds, the three children taking turns.");
        sb.AppendLine();
        sb.AppendLine("| child | ms per child (median) | vs CPython spawn child |");
        sb.AppendLine("|---|---:|---:|");
        const int n = 5;
        var (warmup, iterations) = settings.StartJoin(n);
        var children = new List<(string Label, string? Exe)> { ("CPython spawn child", null), ("mapped: JIT worker host", machine.JitWorker) };
        if (machine.AotWorker is not null) children.Add(("mapped: NativeAOT worker host", machine.AotWorker));
        var times = children.ToDictionary(c => c.Label, _ => new List<double>());
        // At least three rounds: the JIT worker host is within a few per cent of a spawn child, and a single round's
        // ratio moved 1.00-1.19x between runs of one day.
        var rounds = Math.Max(3, settings.Rounds);
        for (var round = 0; round < rounds; round++)
            foreach (var (label, exe) in children)
            {
                Progress($"mapped: {label}");
                var result = Path.GetTempFileName();
                try
                {
                    List<string> a = [Path.Combine(machine.Scripts, "startjoin.py"), "spawn", n.ToString(CultureInfo.InvariantCulture),
                        warmup.ToString(CultureInfo.InvariantCulture), iterations.ToString(CultureInfo.InvariantCulture), result];
                    if (exe is not null) a.Add(exe);
                    // The generic JIT worker is told where the book's ports are; the NativeAOT one has them compiled in.
                    Child.Run(machine.Python, a, Child.BaseEnvironment(new Dictionary<string, string?>
                    {
                        ["PYTHONPATH"] = machine.PyExamples,
                        ["PYCOMPAT_TARGETS"] = string.Join(Path.PathSeparator, PyCompat.Examples.ExampleCatalog.PortAssemblies.Select(x => x.Location)),
                    }));
                    times[label].AddRange(ReadTimes(result));
                }
                finally
                {
                    File.Delete(result);
                }
            }
        var spawn = Median(times[children[0].Label]) / n;
        var exeOf = children.ToDictionary(c => c.Label, c => c.Exe);
        foreach (var (label, _) in children)
        {
            var per = Median(times[label]) / n;
            sb.AppendLine(Inv($"| {label} | {per:0.00} | {(label == children[0].Label ? "" : $"{per / spawn:0.00}x")} |"));
            if (exeOf[label] == machine.JitWorker)
                Goals.AtMost("a CPython parent's child, the JIT worker host (mapped) <= a CPython spawn child (5 at once, per child)", Inv($"{per:0.0} ms"), Inv($"{spawn:0.0} ms"), per / spawn, 1.0);
        }
        sb.AppendLine();

        var help = "";
        try
        {
            help = Child.Run(machine.Pycompat, ["run", "--help"], Child.BaseEnvironment(), keepStdout: true).Stdout;
        }
        catch (InvalidOperationException)
        {
        }
        if (!help.Contains("--map", StringComparison.Ordinal))
        {
            sb.AppendLine("| whole script | |");
            sb.AppendLine("|---|---|");
            sb.AppendLine("| `pycompat run --map` | not measured: this build's `pycompat run` has no `--map` option yet |");
            return sb.ToString();
        }
        var (w, runs) = settings.Whole;
        sb.AppendLine("Whole scripts: `pycompat run --map` against `python3` forced to spawn (`-c` that sets the start method, then runs the script " +
                      Inv($"as `__main__`), and against `pycompat run --start-method spawn`; alternating, median of {runs * settings.Rounds}") +
                      (settings.Quick ? " (a quick run: the first script only)." : "."));
        sb.AppendLine();
        sb.AppendLine("| script | python3, spawn [ms] | pycompat run, spawn [ms] | pycompat run --map, JIT [ms] | ratio to python3 spawn |" +
                      (machine.AotWorker is null ? "" : " pycompat run --map, NativeAOT [ms] | ratio to python3 spawn |"));
        sb.AppendLine("|---|---:|---:|---:|---:|" + (machine.AotWorker is null ? "" : "---:|---:|"));
        const string spawnLauncher = "import multiprocessing, runpy, sys; multiprocessing.set_start_method('spawn'); " +
                                     "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')";
        foreach (var script in settings.Scripts(BookScripts))
        {
            var path = Path.Combine(machine.PyExamples, script + ".py");
            Progress($"mapped: pycompat run --map {script}");
            var commands = new List<(string Exe, string[] Args, string? Worker)>
            {
                (machine.Python, ["-c", spawnLauncher, path], null),
                (machine.Pycompat, ["run", "--python", machine.Python, "--start-method", "spawn", path], null),
                (machine.Pycompat, ["run", "--python", machine.Python, "--map", path], machine.JitWorker),
            };
            if (machine.AotWorker is not null)
                commands.Add((machine.Pycompat, ["run", "--python", machine.Python, "--map", path], machine.AotWorker));
            var t = Alternate(commands.Select(c => (c.Exe, c.Args)).ToList(), w, runs * settings.Rounds, machine.PyExamples,
                commands.Select(c => c.Worker).ToList());
            var py = Median(t[0]);
            var line = Inv($"| {script}.py | {py:0.0} | {Median(t[1]):0.0} | {Median(t[2]):0.0} | {Median(t[2]) / py:0.00}x |");
            if (machine.AotWorker is not null) line += Inv($" {Median(t[3]):0.0} | {Median(t[3]) / py:0.00}x |");
            sb.AppendLine(line);
        }
        return sb.ToString();
    }

    // ---- (e) memory -------------------------------------------------------------------------------------------------

    private static string MemorySection(Machine machine, Settings settings)
    {
        const int n = 50;
        var sb = new StringBuilder();
        sb.AppendLine("### (e) Memory of a parent with 50 live children");
        sb.AppendLine();
        sb.AppendLine("The parent starts 50 processes that each wait until all 50 run; then the children's PSS is summed, they are released " +
                      "and joined, and the parent reports its peak RSS (VmHWM). C#: the JIT worker (the target lives in a bench " +
                      Inv($"assembly, which a NativeAOT worker cannot load). Median of {settings.MemoryRuns} run(s)."));
        sb.AppendLine();
        sb.AppendLine("| parent, children | parent peak RSS [MiB] | vs fork | vs forkserver | vs spawn | children's PSS, total [MiB] | all 50 running after [ms] |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        var variants = new[] { ("CPython fork", "fork"), ("CPython forkserver", "forkserver"), ("CPython spawn", "spawn"), ("PyCompat, JIT worker", "cs") };
        var results = variants.ToDictionary(v => v.Item1, _ => new List<JsonElement>());
        for (var run = 0; run < settings.MemoryRuns; run++)
            foreach (var (label, kind) in variants)
            {
                Progress($"memory: {label}");
                var work = Directory.CreateTempSubdirectory("pycompat-bench-mem").FullName;
                var result = Path.Combine(work, "result.json");
                try
                {
                    if (kind == "cs")
                        Child.Run(Environment.ProcessPath!, ["memory-cs", n.ToString(CultureInfo.InvariantCulture), work, result],
                            Child.BaseEnvironment(new Dictionary<string, string?> { ["PYCOMPAT_WORKER"] = machine.JitWorker }));
                    else
                        Child.Run(machine.Python, [Path.Combine(machine.Scripts, "memory.py"), kind, n.ToString(CultureInfo.InvariantCulture), work, result],
                            Child.BaseEnvironment());
                    results[label].Add(JsonDocument.Parse(File.ReadAllText(result)).RootElement.Clone());
                }
                finally
                {
                    Directory.Delete(work, recursive: true);
                }
            }
        double M(string label, string field) => Median(results[label].Select(r => r.GetProperty(field).GetDouble()).ToList());
        foreach (var (label, kind) in variants)
        {
            var peak = M(label, "parent_peak_kb") / 1024;
            var ratios = kind == "cs"
                ? Inv($"| {peak / (M("CPython fork", "parent_peak_kb") / 1024):0.00}x | {peak / (M("CPython forkserver", "parent_peak_kb") / 1024):0.00}x | {peak / (M("CPython spawn", "parent_peak_kb") / 1024):0.00}x |")
                : "| | | |";
            sb.AppendLine(Inv($"| {label} | {peak:0.0} {ratios} {M(label, "children_pss_kb") / 1024:0.0} | {M(label, "all_running_ms"):0} |"));
        }
        return sb.ToString();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    /// <summary>The opt-in for the prestarted spare worker, when this build has it.</summary>
    private const string PrestartVariable = "PYCOMPAT_PRESTART";

    private static bool PrestartAvailable =>
        typeof(PyCompat.Multiprocessing.Process).Assembly.GetType("PyCompat.Multiprocessing.Spawn.SpareWorker") is not null;

    /// <summary>Runs the commands in turn, round after round (so drifts in machine load hit all alike); wall times in ms.</summary>
    private static List<List<double>> Alternate(List<(string Exe, string[] Args)> commands, int warmup, int runs, string cwd,
        List<string?>? workers = null)
    {
        var times = commands.Select(_ => new List<double>()).ToList();
        for (var i = 0; i < warmup + runs; i++)
            for (var c = 0; c < commands.Count; c++)
            {
                var env = Child.BaseEnvironment(workers?[c] is { } w ? new Dictionary<string, string?> { ["PYCOMPAT_WORKER"] = w } : null);
                var outcome = Child.Run(commands[c].Exe, commands[c].Args, env, cwd);
                if (i >= warmup) times[c].Add(outcome.Elapsed.TotalMilliseconds);
            }
        return times;
    }

    private static List<double> ReadTimes(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("times_ms").EnumerateArray().Select(e => e.GetDouble()).ToList();
    }

    /// <summary>The most telling line of a failed child's stderr: the last line that says something.</summary>
    private static string FirstCause(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var cause = lines.FirstOrDefault(l => l.StartsWith("pycompat-worker:", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? message;
        return cause.Replace("|", "/", StringComparison.Ordinal);
    }

    /// <summary>One row of the run's goal table for the N = 1 / 5 / 50 figures of one worker.</summary>
    private static void SummaryRow(string goal, List<(int N, double Ours, double Theirs)> rows, double limit, string? failure)
    {
        if (rows.Count < Counts.Length)
        {
            Goals.NotMeasured(goal, failure ?? "some N failed");
            return;
        }
        var ratios = rows.Select(r => r.Ours / r.Theirs).ToList();
        Goals.Summary(goal, string.Join(" / ", rows.Select(r => Inv($"{r.Ours:0.0}"))) + " ms", string.Join(" / ", rows.Select(r => Inv($"{r.Theirs:0.0}"))) + " ms",
            string.Join(" / ", ratios.Select(r => Inv($"{r:0.00}x"))), ratios.All(r => r <= limit));
    }

    private static string GoalRow(string goal, double ratio, double limit, string detail) =>
        Inv($"| {goal} | {ratio:0.00}x ({detail}) | {(ratio <= limit ? "met" : "**not met**")} |");

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    /// <summary>A line of progress on stderr, with the seconds since the run started (where a run's time goes).</summary>
    internal static void Progress(string message) => Console.Error.WriteLine($"[{Clock.Elapsed.TotalSeconds,5:0}s] {message}");
}
