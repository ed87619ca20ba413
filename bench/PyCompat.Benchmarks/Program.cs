using PyCompat.Benchmarks;
using PyCompat.Benchmarks.Pickle;
using PyCompat.Benchmarks.Processes;
using PyCompat.Benchmarks.Throughput;

// Dispatches on the first argument so that more suites can sit beside the pickle one:
//   dotnet run -c Release --project bench/PyCompat.Benchmarks -- pickle [--quick]
//   dotnet run -c Release --project bench/PyCompat.Benchmarks -- pickle-fuzz [--cases N] [--seed S] [--write DIR]
var suites = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["pickle"] = PickleSuite.Run,
    ["pickle-fuzz"] = PickleFuzzSuite.Run,
    // Processes (start+join, pycompat run, mapped child, memory): see Processes/ProcessesSuite.cs.
    ["processes"] = ProcessesSuite.Run,
    // Queue and Connection in four pairings of parent and child, the bare pipe, then the pool and manager rows:
    // see Throughput/ThroughputSuite.cs.
    ["throughput"] = ThroughputSuite.Run,
    ["pool"] = a => { Console.Write(PoolRows.Run(a)); return 0; },
    ["manager"] = a => { Console.Write(ManagerRows.Run(a)); return 0; },
    ["components"] = a => { Console.Write(ComponentRows.Run(a)); return 0; },
    // Helpers the processes suite runs as child processes.
    ["startjoin-cs"] = StartJoinCs.Run,
    ["memory-cs"] = MemoryCs.Run,
};
// Every suite in turn, each given the same options (--quick and the like): what bench/run runs. Each suite prints its
// own tables as it ends; the goals of all of them come last, as one table (Goals.cs).
suites["all"] = a => new[] { "pickle", "processes", "throughput" }.Max(s => suites[s](a));

if (args.Length == 0 || !suites.TryGetValue(args[0], out var suite))
{
    Console.Error.WriteLine($"usage: PyCompat.Benchmarks SUITE [options]; suites: {string.Join(", ", suites.Keys)}");
    return 2;
}
var loadBefore = Machine.LoadAverage();
var started = DateTime.Now;
var result = suite(args[1..]);
if (Goals.Any)
{
    var run = args[0] == "all" ? (args.Contains("--quick") ? "bench/run --quick" : "bench/run") : $"PyCompat.Benchmarks {string.Join(' ', args)}";
    Console.WriteLine();
    Console.Write(Goals.Table($"Goals ({run}, {started:yyyy-MM-dd HH:mm})", loadBefore, Machine.LoadAverage(), DateTime.Now - started));
}
return result;
