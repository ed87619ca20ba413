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
    // Queue and Connection messages per second, parent to child: see Throughput/ThroughputSuite.cs.
    ["throughput"] = ThroughputSuite.Run,
    // Helpers the processes suite runs as child processes.
    ["startjoin-cs"] = StartJoinCs.Run,
    ["memory-cs"] = MemoryCs.Run,
};
// Every suite in turn, each given the same options (--quick and the like): what bench/run runs.
suites["all"] = a => suites.Where(s => s.Key is "pickle" or "processes" or "throughput").Max(s => s.Value(a));

if (args.Length == 0 || !suites.TryGetValue(args[0], out var suite))
{
    Console.Error.WriteLine($"usage: PyCompat.Benchmarks SUITE [options]; suites: {string.Join(", ", suites.Keys)}");
    return 2;
}
return suite(args[1..]);
