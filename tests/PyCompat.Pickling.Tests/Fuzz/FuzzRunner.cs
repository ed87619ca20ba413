using System.Diagnostics;

namespace PyCompat.Pickling.Tests.Fuzz;

/// <summary>What the fuzzer saw over a run.</summary>
/// <param name="Cases">Cases run.</param>
/// <param name="Decoded">Cases that decoded to a value.</param>
/// <param name="Refused">Cases refused with an UnpicklingError carrying an offset and an opcode.</param>
/// <param name="Problems">Cases that broke a rule, described for reproduction.</param>
/// <param name="Slowest">The slowest case.</param>
/// <param name="MostAllocated">The most bytes one case allocated.</param>
public sealed record FuzzReport(int Cases, int Decoded, int Refused, IReadOnlyList<string> Problems, TimeSpan Slowest, long MostAllocated);

/// <summary>
/// Runs mutated pickles through <see cref="PyPickle.Loads(ReadOnlySpan{byte})"/> and <see cref="PyPickle.Load(Stream)"/>
/// and checks each: it decodes, or fails with an <see cref="UnpicklingError"/> that names an offset and an opcode
/// (no other exception type); it allocates less than <see cref="AllocationCap"/>. The whole run goes on one worker
/// thread watched by the caller's thread, so a case that hangs is reported with its description instead of hanging
/// the test run. How long a case took is reported (the slowest), never asserted: a time limit would measure the
/// machine's load, and a blow-up in work shows as allocation or as the hang.
/// </summary>
public static class FuzzRunner
{
    /// <summary>Most bytes one case may allocate: 1 MiB plus 512 bytes per input byte.</summary>
    public static long AllocationCap(int inputLength) => (1L << 20) + 512L * inputLength;

    /// <summary>Phrases of .NET's own exception messages, which say nothing about the pickle.</summary>
    private static readonly string[] DotnetPhrases =
    [
        "Unable to cast", "Index was outside", "Object reference not set", "System.", "Specified argument",
        "Value was either too large", "Input string was not", "Arithmetic operation", "Parameter name",
        "Collection was modified", "Sequence contains", "non-negative",
    ];

    /// <summary>The first .NET phrase in <paramref name="message"/>, or null.</summary>
    public static string? DotnetWording(string message) =>
        DotnetPhrases.FirstOrDefault(p => message.Contains(p, StringComparison.Ordinal));

    /// <summary>Runs <paramref name="cases"/> cases from <paramref name="seed"/>; <paramref name="onCase"/> sees each input.</summary>
    public static FuzzReport Run(IReadOnlyList<byte[]> corpus, int seed, int cases, TimeSpan overallLimit, Action<int, byte[], string>? onCase = null)
    {
        var mutator = new PickleMutator(corpus, seed);
        var problems = new List<string>();
        int decoded = 0, refused = 0;
        var slowest = TimeSpan.Zero;
        long mostAllocated = 0;
        var current = "";
        var done = 0;
        var worker = new Thread(() =>
        {
            for (var i = 0; i < cases; i++)
            {
                byte[] data;
                string description;
                try
                {
                    data = mutator.Next(out description);
                }
                catch (Exception e)
                {
                    lock (problems) problems.Add($"seed {seed} case {i}: the mutator failed: {e}");
                    Interlocked.Increment(ref done);
                    continue;
                }
                current = $"seed {seed} case {i} ({description}): {Convert.ToBase64String(data)}";
                onCase?.Invoke(i, data, description);
                var useStream = i % 4 == 3;
                var before = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                try
                {
                    if (useStream)
                    {
                        using var stream = new MemoryStream(data, writable: false);
                        PyPickle.Load(stream);
                    }
                    else
                    {
                        PyPickle.Loads(data);
                    }
                    decoded++;
                }
                catch (UnpicklingError e) when (e.Offset >= 0 && e.Opcode is not null)
                {
                    refused++;
                    if (DotnetWording(e.Message) is { } phrase)
                        lock (problems) problems.Add($"{current}: the message shows .NET's '{phrase}': {e.Message}");
                }
                catch (Exception e)
                {
                    lock (problems) problems.Add($"{current}: {e.GetType().Name}: {e.Message}");
                }
                watch.Stop();
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (watch.Elapsed > slowest) slowest = watch.Elapsed;
                if (allocated > mostAllocated) mostAllocated = allocated;
                if (allocated > AllocationCap(data.Length))
                    lock (problems) problems.Add($"{current}: allocated {allocated:N0} bytes");
                Interlocked.Increment(ref done);
            }
        }) { IsBackground = true, Name = "pickle fuzz" };
        worker.Start();
        if (!worker.Join(overallLimit))
            lock (problems) problems.Add($"hang: no result within {overallLimit} after {Volatile.Read(ref done)} cases; running {current}");
        lock (problems) return new FuzzReport(Volatile.Read(ref done), decoded, refused, [.. problems], slowest, mostAllocated);
    }
}
