using Xunit.Abstractions;

namespace PyCompat.Pickling.Tests.Fuzz;

/// <summary>The corpus, made once for the class (one python3 run).</summary>
public sealed class FuzzCorpusFixture
{
    public IReadOnlyList<byte[]> Corpus { get; } = FuzzCorpus.Make();
}

/// <summary>
/// Mutated CPython pickles (protocols 0-5): each decodes or fails with an UnpicklingError naming an offset and an
/// opcode, in bounded time and memory. The long run is <c>bench/PyCompat.Benchmarks -- pickle-fuzz</c>.
/// </summary>
public sealed class FuzzTests(FuzzCorpusFixture fixture, ITestOutputHelper output) : IClassFixture<FuzzCorpusFixture>
{
    public const int Seed = 20_240_611;
    public const int Cases = 6_000;

    [Fact]
    public void Every_corpus_pickle_decodes_before_it_is_mutated()
    {
        Assert.NotEmpty(fixture.Corpus); // an empty corpus would make every fuzz test here vacuous
        foreach (var pickle in fixture.Corpus) PyPickle.Loads(pickle, PickleLoadOptions.Trusted);
    }

    [Fact]
    public void Mutated_pickles_decode_or_fail_with_an_offset_in_bounded_time_and_memory()
    {
        Assert.NotEmpty(fixture.Corpus);
        var report = FuzzRunner.Run(fixture.Corpus, Seed, Cases, TimeSpan.FromSeconds(90));

        output.WriteLine($"{report.Cases} cases: {report.Decoded} decoded, {report.Refused} refused with an offset; "
            + $"slowest {report.Slowest.TotalMilliseconds:0.0} ms, most allocated {report.MostAllocated:N0} bytes");
        Assert.True(report.Problems.Count == 0, string.Join("\n", report.Problems.Take(20)));
        Assert.Equal(Cases, report.Cases);
        Assert.True(report.Decoded > Cases / 20 && report.Refused > Cases / 2, $"{report.Decoded} decoded, {report.Refused} refused");
    }
}
