using System.Text;
using PyCompat.PythonHost.Mapping;
using PyCompat.PythonHost.Running;

namespace PyCompat.Cli;

/// <summary>
/// The one parser of <c>pycompat run [options] SCRIPT [ARGS...]</c>, and its help, both from one table of options.
/// Python's rule, not System.CommandLine's: options end at SCRIPT, and every token after it is the script's
/// (<c>run x.py --help</c> hands <c>--help</c> to x.py), which a parser that matches options anywhere cannot express.
/// Hand-written also because start-up is part of the product: python3 starts in ~25 ms, and building a command tree
/// costs milliseconds (docs/embedded-runner.md).
/// </summary>
internal static class RunCommandLine
{
    /// <summary>One option of <c>run</c>: a flag when <paramref name="Value"/> is null, else it takes one value.</summary>
    private sealed record RunOption(string Name, string? Value, string Description, IReadOnlyList<string>? Allowed = null);

    private const string Python = "--python", StartMethod = "--start-method", Engine = "--engine",
        Map = "--map", Targets = "--targets", Strict = "--strict";

    /// <summary>run's option that names an assembly of more ports for <c>--map</c>.</summary>
    internal const string TargetsOption = Targets;

    private static readonly string[] HelpAliases = ["--help", "-h", "-?"];

    private static readonly RunOption[] Options =
    [
        new(Python, "PATH", "The CPython to embed: an interpreter or its libpython3.X.so. Default: PYCOMPAT_PYTHON, " +
            "then PYTHONNET_PYDLL, then python3 on PATH. It must be CPython 3.9+ built with --enable-shared."),
        new(StartMethod, string.Join('|', StartMethods.All), "The default multiprocessing start method. Default: the " +
            "interpreter's own default (fork on Linux up to 3.13), as python3 uses, so output matches python3's; the " +
            "runner keeps .NET out of forked children, so fork is safe. A script's set_start_method still wins.", StartMethods.All),
        new(Engine, string.Join('|', Engines.All), "How CPython is started in this process. capi (default): libpython " +
            "through a dozen C-API calls, fastest, no .NET reachable from Python. pythonnet: Python.NET's PythonEngine, so " +
            "the script can `import clr` and call .NET in-process; its default start method is forkserver (never fork a " +
            ".NET process that may run .NET code), --start-method fork is refused, and a script's own set_start_method " +
            "still wins.", Engines.All),
        new(Map, null, "Mapped mode: a Process whose target has a C# port (a static method marked [PyTarget(module, name)]) " +
            "runs in the .NET worker host, fed by CPython's own pickles; other processes run in CPython as usual."),
        new(Targets, "ASSEMBLY.dll", "With --map: an assembly with more C# ports, beyond the book's; repeatable."),
        new(Strict, null, "With --map: stop the run before starting a process whose target has no C# port, naming the " +
            "target and the [PyTarget] to add."),
    ];

    /// <summary>What the command line asks for: options to run, help, or a mistake (one line).</summary>
    internal sealed record Invocation(RunOptions? Options, bool Help = false, string? Error = null);

    /// <summary>Whether <c>run</c> has the option <paramref name="name"/> (e.g. <c>--map</c>).</summary>
    internal static bool Accepts(string name) => Array.Exists(Options, o => o.Name == name) || HelpAliases.Contains(name);

    /// <summary>Reads the tokens after <c>run</c>; no script (and no mistake) means help.</summary>
    internal static Invocation Parse(IReadOnlyList<string> tokens)
    {
        var values = new Dictionary<string, List<string>>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (HelpAliases.Contains(token))
                return new Invocation(null, Help: true);
            if (token == "--")
                return i + 1 < tokens.Count ? Build(values, tokens[i + 1], tokens.Skip(i + 2)) : new Invocation(null, Help: true);
            if (!token.StartsWith('-') || token == "-")
                return Build(values, token, tokens.Skip(i + 1));

            var (name, value) = token.IndexOf('=') is var equals and > 0 ? (token[..equals], token[(equals + 1)..]) : (token, null);
            if (Array.Find(Options, o => o.Name == name) is not { } option || (option.Value is null && value is not null))
                return Fail($"unknown option {token}; the options go before SCRIPT (see pycompat run --help)");
            if (option.Value is not null && value is null)
            {
                if (i + 1 >= tokens.Count)
                    return Fail($"{name} needs a value (see pycompat run --help)");
                value = tokens[++i];
            }

            if (option.Allowed is { } allowed && !allowed.Contains(value))
                return Fail($"{name} {value} is not one of {string.Join(", ", allowed)}");
            (values.TryGetValue(name, out var list) ? list : values[name] = []).Add(value ?? "");
        }

        return new Invocation(null, Help: true);
    }

    /// <summary>The help text, from the same table the parser reads.</summary>
    internal static string Help(string description)
    {
        var text = new StringBuilder()
            .Append("Description:\n  ").Append(description).Append("\n\n")
            .Append("Usage:\n  pycompat run [options] SCRIPT.py [ARGS...]\n\n")
            .Append("Arguments:\n")
            .Append("  SCRIPT.py  The Python script, run as __main__.\n")
            .Append("  ARGS       Arguments for the script (sys.argv[1:]), passed untouched: every token after SCRIPT.py is the script's.\n\n")
            .Append("Options:\n");
        var rows = Options.Select(o => (Left: o.Value is null ? o.Name : $"{o.Name} <{o.Value}>", o.Description))
            .Append((Left: string.Join(", ", HelpAliases.Reverse()), Description: "Show help and usage information"))
            .ToList();
        var width = rows.Max(r => r.Left.Length) + 2;
        foreach (var (left, help) in rows)
            text.Append("  ").Append(left.PadRight(width)).Append(help).Append('\n');
        return text.ToString();
    }

    private static Invocation Fail(string message) => new(null, Error: message);

    private static Invocation Build(Dictionary<string, List<string>> values, string script, IEnumerable<string> arguments)
    {
        string? Last(string name) => values.TryGetValue(name, out var list) ? list[^1] : null;
        var mapped = values.ContainsKey(Map);
        var strict = values.ContainsKey(Strict);
        var targets = values.TryGetValue(Targets, out var list) ? list : [];
        if (!mapped && (strict || targets.Count > 0))
            return Fail($"{(strict ? Strict : Targets)} goes with {Map} (pycompat run --map [--targets ASSEMBLY.dll] [--strict] SCRIPT.py)");
        return new Invocation(new RunOptions(script, arguments.ToArray())
        {
            Python = Last(Python),
            StartMethod = Last(StartMethod),
            Engine = Last(Engine),
            Map = mapped ? new MapOptions(targets, strict) : null,
        });
    }
}
