using System.Diagnostics;
using System.Text.Json;

namespace PyCompat.Benchmarks.Pickle;

/// <summary>One payload pickle made by CPython, with CPython's own best times for it.</summary>
/// <param name="Name">The payload's name (payloads.py).</param>
/// <param name="Protocol">The protocol CPython wrote it with.</param>
/// <param name="Pickle">The pickle bytes.</param>
/// <param name="CpythonLoads">Best time of CPython's pickle.loads on it.</param>
/// <param name="CpythonDumps">Best time of CPython's pickle.dumps of the payload with this protocol.</param>
public sealed record Payload(string Name, int Protocol, byte[] Pickle, TimeSpan CpythonLoads, TimeSpan CpythonDumps)
{
    /// <summary>The key BenchmarkDotNet shows, e.g. <c>tuple1-100k/p2</c>.</summary>
    public string Key => $"{Name}/p{Protocol}";

    /// <inheritdoc />
    public override string ToString() => Key;
}

/// <summary>Runs payloads.py (CPython makes the pickles and times its own pickle on them) and reads what it wrote.</summary>
public static class PayloadSet
{
    /// <summary>Where the pickles go; the BenchmarkDotNet process reads them back from there.</summary>
    public static string Directory => Path.Combine(Path.GetTempPath(), "pycompat-bench-pickle");

    /// <summary>Makes the payloads and times CPython on them (best of <paramref name="repeat"/>).</summary>
    public static IReadOnlyList<Payload> Generate(int repeat)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Pickle", "payloads.py");
        var python = Environment.GetEnvironmentVariable("PYCOMPAT_PYTHON") is { Length: > 0 } p ? p : "python3";
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(Directory);
        info.ArgumentList.Add(repeat.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.Environment.Remove("PYTHONUNBUFFERED");
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {python}");
        var lines = new List<string>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            lines.Add(line);
            Console.Error.WriteLine($"cpython: {line}");
        }
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"payloads.py exited {process.ExitCode}");
        return lines.Select(Parse).ToList();
    }

    /// <summary>Reads the pickles payloads.py wrote (without CPython's times), for the benchmark process.</summary>
    public static IReadOnlyList<Payload> ReadPickles() =>
        System.IO.Directory.GetFiles(Directory, "*.pickle").Order(StringComparer.Ordinal).Select(path =>
        {
            var stem = Path.GetFileNameWithoutExtension(path);
            var dash = stem.LastIndexOf("-p", StringComparison.Ordinal);
            return new Payload(stem[..dash], int.Parse(stem[(dash + 2)..], System.Globalization.CultureInfo.InvariantCulture),
                File.ReadAllBytes(path), TimeSpan.Zero, TimeSpan.Zero);
        }).ToList();

    private static Payload Parse(string line)
    {
        var e = JsonDocument.Parse(line).RootElement;
        var name = e.GetProperty("name").GetString()!;
        var protocol = e.GetProperty("protocol").GetInt32();
        var bytes = File.ReadAllBytes(Path.Combine(Directory, $"{name}-p{protocol}.pickle"));
        return new Payload(name, protocol, bytes, TimeSpan.FromSeconds(e.GetProperty("loads").GetDouble()),
            TimeSpan.FromSeconds(e.GetProperty("dumps").GetDouble()));
    }
}
