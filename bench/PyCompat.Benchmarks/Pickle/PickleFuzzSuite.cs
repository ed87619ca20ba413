using System.Diagnostics;
using System.Globalization;
using PyCompat.Pickling.Tests.Fuzz;

namespace PyCompat.Benchmarks.Pickle;

/// <summary>
/// <c>pickle-fuzz [--cases N] [--seed S] [--write DIR]</c>: the long fuzz run (the test suite runs 6,000 cases);
/// the same rules per case: decode, or an UnpicklingError with offset and opcode; at most 2 s; bounded allocation.
/// <c>--write DIR</c> also saves every 100th case as DIR/case-N.pickle, for <c>pycompat pickle FILE</c>.
/// </summary>
public static class PickleFuzzSuite
{
    /// <summary>Runs the fuzzer; exit 1 if any case broke a rule.</summary>
    public static int Run(string[] args)
    {
        var cases = Arg(args, "--cases", 200_000);
        var seed = Arg(args, "--seed", 1);
        var writeAt = Array.IndexOf(args, "--write");
        var write = writeAt >= 0 ? args[writeAt + 1] : null;
        if (write is not null) Directory.CreateDirectory(write);
        var corpus = FuzzCorpus.Make();
        Console.WriteLine($"corpus: {corpus.Count} CPython pickles (protocols 0-5); {cases:N0} cases from seed {seed}");
        var watch = Stopwatch.StartNew();
        var report = FuzzRunner.Run(corpus, seed, cases, TimeSpan.FromHours(2), (i, data, _) =>
        {
            if (write is not null && i % 100 == 0) File.WriteAllBytes(Path.Combine(write, $"case-{i}.pickle"), data);
        });
        Console.WriteLine($"{report.Cases:N0} cases in {watch.Elapsed.TotalSeconds:0.0} s: {report.Decoded:N0} decoded, "
            + $"{report.Refused:N0} refused with an offset and opcode, {report.Problems.Count} problems; slowest case "
            + $"{report.Slowest.TotalMilliseconds:0.0} ms, most allocated by one case {report.MostAllocated:N0} bytes");
        foreach (var problem in report.Problems.Take(50)) Console.WriteLine(problem);
        return report.Problems.Count == 0 ? 0 : 1;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
