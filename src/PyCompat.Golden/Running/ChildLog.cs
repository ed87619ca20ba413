using System.Globalization;

namespace PyCompat.Golden.Running;

/// <summary>
/// What <c>PYCOMPAT_CHILD_LOG</c> recorded during one run: one line per child process. The .NET worker host writes
/// <c>&lt;pid&gt; &lt;module&gt;.&lt;name&gt;</c> after it resolved the port and before running it; the mapped-mode
/// router writes <c>&lt;pid&gt; router:dotnet &lt;module&gt;.&lt;name&gt;</c> for each process it sent to the worker
/// host and <c>&lt;pid&gt; router:cpython &lt;module&gt;.&lt;name&gt;</c> for a process whose target has a port but ran
/// in CPython (it was given a multiprocessing object). The router (and a C# parent, as <c>parent:dotnet</c> and
/// <c>parent:signalled</c>) also writes <c>&lt;pid&gt; router:signalled -N</c> for a worker host that a signal ended:
/// a child the script terminated at once (multiprocessing_terminate.py) can end before its port runs, as CPython's
/// child ends before its target does.
/// </summary>
/// <param name="Dotnet">The pids that ran a port in the .NET worker host, with the Python name of the target.</param>
/// <param name="RoutedToDotnet">The pids the router sent to the worker host.</param>
/// <param name="PortedInCpython">Ported targets that the router ran in CPython instead.</param>
internal sealed record ChildLog(IReadOnlyList<(int Pid, string Target)> Dotnet, IReadOnlyList<(int Pid, string Target)> RoutedToDotnet,
    IReadOnlyList<(int Pid, string Target)> PortedInCpython)
{
    /// <summary>The worker hosts that a signal ended (their pids).</summary>
    public IReadOnlySet<int> Signalled { get; init; } = new HashSet<int>();

    /// <summary>The environment variable that names the log file; every process that inherits it appends to it.</summary>
    public const string Variable = "PYCOMPAT_CHILD_LOG";

    /// <summary>Reads the log at <paramref name="path"/>; a missing file is an empty log (nothing wrote to it).</summary>
    public static ChildLog Read(string path) => Parse(File.Exists(path) ? File.ReadAllText(path) : "");

    /// <summary>Parses the log's text; a line in no known form is ignored (so a torn write cannot count as a .NET child).</summary>
    public static ChildLog Parse(string text)
    {
        var dotnet = new List<(int, string)>();
        var routed = new List<(int, string)>();
        var cpython = new List<(int, string)>();
        var signalled = new HashSet<int>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ');
            if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            switch (fields)
            {
                case [_, var target] when target.Contains('.', StringComparison.Ordinal):
                    dotnet.Add((pid, target));
                    break;
                case [_, "router:dotnet" or "parent:dotnet", var target]:
                    routed.Add((pid, target));
                    break;
                case [_, "router:signalled" or "parent:signalled", var code] when code.StartsWith('-'):
                    signalled.Add(pid);
                    break;
                case [_, "router:cpython", var target]:
                    cpython.Add((pid, target));
                    break;
            }
        }
        return new ChildLog(dotnet, routed, cpython) { Signalled = signalled };
    }

    /// <summary>
    /// Null when the run proves that .NET ran what has a port: at least one process was started as the worker host,
    /// every process sent there ran its port (or a signal ended it before it could), and no ported target ran in
    /// CPython; otherwise why not.
    /// </summary>
    public string? ProblemForMapped() => PortedInCpython.Count > 0
        ? $"{Describe(PortedInCpython)} has a C# port but ran in CPython"
        : ProblemForDotnetChildren("the router sent no process to the worker host");

    /// <summary>Null when the port started at least one .NET child and each ran (or a signal ended it first); otherwise why not.</summary>
    public string? ProblemForPort() => ProblemForDotnetChildren("the port started no .NET child");

    private string? ProblemForDotnetChildren(string none)
    {
        var missing = RoutedToDotnet.Where(r => !Dotnet.Any(d => d.Pid == r.Pid) && !Signalled.Contains(r.Pid)).ToList();
        if (missing.Count > 0)
            return $"{Describe(missing)} was started as the .NET worker host but never ran its port";
        return Dotnet.Count == 0 && RoutedToDotnet.Count == 0 ? $"no process ran in .NET: {none}" : null;
    }

    /// <summary>E.g. <c>5 processes ran in .NET (multiprocessing_simple.worker)</c>.</summary>
    public string Summary()
    {
        var stopped = RoutedToDotnet.Count(r => !Dotnet.Any(d => d.Pid == r.Pid));
        var ran = $"{Dotnet.Count} process{(Dotnet.Count == 1 ? "" : "es")} ran in .NET ({string.Join(", ", Dotnet.Select(d => d.Target).Distinct())})";
        var ended = $"{stopped} process{(stopped == 1 ? "" : "es")} started in .NET and ended by a signal before the port ran";
        return stopped == 0 ? ran : Dotnet.Count == 0 ? ended : $"{ran}; {ended}";
    }

    private static string Describe(IReadOnlyList<(int Pid, string Target)> entries) =>
        string.Join(", ", entries.Select(e => $"pid {e.Pid} ({e.Target})"));
}
