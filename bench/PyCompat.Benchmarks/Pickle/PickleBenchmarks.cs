using BenchmarkDotNet.Attributes;
using PyCompat.Pickling;

namespace PyCompat.Benchmarks.Pickle;

/// <summary>PyPickle.Loads and PyPickle.Dumps on the payloads CPython made (read from <see cref="PayloadSet.Directory"/>).</summary>
public class PickleBenchmarks
{
    private object? _value;

    /// <summary>The payload pickles, one benchmark case each.</summary>
    public static IEnumerable<Payload> Payloads() => PayloadSet.ReadPickles();

    /// <summary>The case being measured.</summary>
    [ParamsSource(nameof(Payloads))]
    public Payload Payload { get; set; } = null!;

    /// <summary>Decodes the pickle once, to have the .NET value that Dumps writes.</summary>
    [GlobalSetup]
    public void Setup() => _value = PyPickle.Loads(Payload.Pickle);

    /// <summary>PyPickle.Loads of CPython's pickle.</summary>
    [Benchmark]
    public object? Loads() => PyPickle.Loads(Payload.Pickle);

    /// <summary>PyPickle.Dumps of the decoded value with the payload's protocol.</summary>
    [Benchmark]
    public byte[] Dumps() => PyPickle.Dumps(_value, Payload.Protocol);
}
