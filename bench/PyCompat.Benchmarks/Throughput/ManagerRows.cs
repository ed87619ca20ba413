using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PyCompat.Benchmarks.Processes;
using PyCompat.Multiprocessing.Managers;

namespace PyCompat.Benchmarks.Throughput;

/// <summary>
/// <c>manager [--quick] [--python PATH]</c>: dict operations per second through a SyncManager, client and server each
/// CPython's or PyCompat's, in one run, rounds interleaved: N sets <c>d[i % 64] = i</c> then N gets <c>d[i % 64]</c>, one
/// round trip each, on a Unix socket (python/manager_ops.py is CPython's side). The C# server runs in a thread of the
/// C# process (docs/managers.md, "The server runs in a thread"); CPython's in a child process.
/// </summary>
public static class ManagerRows
{
    private static readonly string[] Kinds =
        ["CPython client + CPython server", "C# client + C# server", "C# client + CPython server", "CPython client + C# server"];

    /// <summary>Runs the rows; returns their markdown and adds their goals.</summary>
    public static string Run(string[] args)
    {
        var quick = args.Contains("--quick");
        // Three rounds in --quick too, the kinds interleaved, median of the rounds: a round is 5,000 operations, a third of a second,
        // and with one round the ratios moved by a third between runs on 2 cores (a few seconds more of --quick).
        var rounds = 3;
        var n = quick ? 5_000 : 20_000;
        var machine = Machine.Discover(ProcessesSuite.Option(args, "--python"), null);
        var script = Path.Combine(machine.RepoRoot, "bench", "PyCompat.Benchmarks", "Throughput", "python", "manager_ops.py");
        var times = Kinds.ToDictionary(k => k, _ => new List<double>());
        var failures = new Dictionary<string, string>();
        for (var round = 0; round < rounds; round++)
            foreach (var kind in Kinds)
            {
                if (failures.ContainsKey(kind)) continue;
                ProcessesSuite.Progress($"manager: {kind}, round {round + 1}/{rounds}");
                try
                {
                    times[kind].Add(Array.IndexOf(Kinds, kind) switch
                    {
                        0 => Child.Seconds(Child.Run(machine.Python, [script, "local", Inv(n)], Child.BaseEnvironment(), keepStdout: true)),
                        1 => CsharpBoth(n),
                        2 => CsharpClient(machine, script, n),
                        _ => CpythonClient(machine, script, n),
                    });
                }
                catch (Exception error) when (error is InvalidOperationException or IOException or SocketException or RemoteError)
                {
                    failures[kind] = Child.FirstLine(error.Message);
                    ProcessesSuite.Progress($"manager: {kind} failed: {failures[kind]}");
                }
            }

        string Rate(string kind) => failures.TryGetValue(kind, out var why)
            ? $"failed: {why}"
            : (2.0 * n / ProcessesSuite.Median(times[kind])).ToString("N0", CultureInfo.InvariantCulture) + " ops/s";
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"## Manager dict operations ({(quick ? "--quick" : "full")} run)");
        sb.AppendLine();
        sb.Append(CultureInfo.InvariantCulture, $"{n:N0} sets then {n:N0} gets on one dict proxy (one round trip each, Unix socket), timed from the first set to the last reply; ");
        sb.AppendLine(CultureInfo.InvariantCulture, $"rounds interleaved, median of {rounds}. Load average: {Machine.LoadAverage()}.");
        sb.AppendLine();
        sb.AppendLine("| client + server | dict ops/s | ratio to CPython's |");
        sb.AppendLine("|---|---:|---:|");
        var cpython = ProcessesSuite.Median(times[Kinds[0]]);
        foreach (var kind in Kinds)
        {
            var ratio = failures.ContainsKey(kind) || kind == Kinds[0] ? "" : (cpython / ProcessesSuite.Median(times[kind])).ToString("0.00", CultureInfo.InvariantCulture);
            sb.AppendLine($"| {kind} | {Rate(kind)} | {ratio} |");
        }
        foreach (var kind in Kinds.Skip(1))
        {
            var goal = $"Manager dict ops/s, {kind} >= CPython client + server";
            if (failures.TryGetValue(kind, out var why) || failures.TryGetValue(Kinds[0], out why)) Goals.NotMeasured(goal, why);
            else Goals.AtLeast(goal, Rate(kind), Rate(Kinds[0]), cpython / ProcessesSuite.Median(times[kind]), 1.0);
        }
        return sb.ToString();
    }

    /// <summary>The same operations as manager_ops.py's, through a C# proxy; seconds.</summary>
    private static double Operations(DictProxy d, int n)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) d[(long)(i % 64)] = (long)i;
        long total = 0;
        for (var i = 0; i < n; i++) total += Convert.ToInt64(d[(long)(i % 64)], CultureInfo.InvariantCulture);
        var elapsed = watch.Elapsed.TotalSeconds;
        var last = new long[64];
        for (var i = 0; i < n; i++) last[i % 64] = i;
        long expected = 0;
        for (var i = 0; i < n; i++) expected += last[i % 64];
        return total == expected ? elapsed : throw new InvalidOperationException($"the dict gave back {total}, not {expected}");
    }

    private static double CsharpBoth(int n)
    {
        using var manager = Manager.Start();
        using var d = manager.Dict();
        return Operations(d, n);
    }

    /// <summary>A C# client of manager_ops.py's server.</summary>
    private static double CsharpClient(Machine machine, string script, int n)
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var info = new ProcessStartInfo(machine.Python) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { script, "serve", Convert.ToHexString(key) }) info.ArgumentList.Add(a);
        info.Environment.Remove("PYTHONUNBUFFERED");
        using var server = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException($"cannot start {machine.Python}");
        try
        {
            var first = server.StandardOutput.ReadLine() ?? throw new InvalidOperationException("manager_ops.py serve printed no address");
            var path = JsonDocument.Parse(first).RootElement.GetString()!;
            using var client = new SyncManager(new UnixDomainSocketEndPoint(path), key);
            client.Connect();
            using var d = client.Dict();
            return Operations(d, n);
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(TimeSpan.FromSeconds(20))) server.Kill(entireProcessTree: true);
        }
    }

    /// <summary>manager_ops.py's client of a C# server in this process.</summary>
    private static double CpythonClient(Machine machine, string script, int n)
    {
        var key = RandomNumberGenerator.GetBytes(16);
        using var server = new SyncManager(authkey: key);
        server.Start();
        var address = JsonSerializer.Serialize(server.Address!.ToString());
        return Child.Seconds(Child.Run(machine.Python, [script, "client", address, Convert.ToHexString(key), Inv(n)], Child.BaseEnvironment(), keepStdout: true));
    }

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);
}
