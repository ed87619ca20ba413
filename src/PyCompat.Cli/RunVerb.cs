using System.CommandLine;
using System.CommandLine.Invocation;
using PyCompat.PythonHost.Discovery;
using PyCompat.PythonHost.Mapping;
using PyCompat.PythonHost.Running;

namespace PyCompat.Cli;

/// <summary>
/// <c>pycompat run [options] SCRIPT.py [ARGS...]</c>: runs a Python script unchanged in CPython embedded in .NET.
/// Thin: it only turns the command line into <see cref="RunOptions"/> for <see cref="ScriptRunner"/>.
/// </summary>
internal static class RunVerb
{
    private const string PythonOption = "--python";
    private const string StartMethodOption = "--start-method";
    private const string EngineOption = "--engine";
    private const string MapOption = "--map";
    private const string TargetsOption = "--targets";
    private const string StrictOption = "--strict";
    private static readonly string[] HelpAliases = ["--help", "-h", "-?"];

    public static Command Create()
    {
        // Arity ZeroOrOne and the shadowing help option keep System.CommandLine from acting on tokens that
        // belong to the script (`run x.py --help`, `run x.py --python`): the action splits the raw command line.
        var python = new Option<string>(PythonOption)
        {
            Description = "The CPython to embed: an interpreter or its libpython3.X.so. Default: PYCOMPAT_PYTHON, " +
                "then PYTHONNET_PYDLL, then python3 on PATH. It must be CPython 3.9+ built with --enable-shared.",
            HelpName = "PATH",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var startMethod = new Option<string>(StartMethodOption)
        {
            Description = "The default multiprocessing start method: fork, spawn or forkserver. Default: the " +
                "interpreter's own default (fork on Linux up to 3.13), as python3 uses, so output matches python3's; " +
                "the runner keeps .NET out of forked children, so fork is safe. A script's set_start_method still wins.",
            HelpName = "fork|spawn|forkserver",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var engine = new Option<string>(EngineOption)
        {
            Description = "How CPython is started in this process. capi (default): libpython through a dozen C-API " +
                "calls, fastest, no .NET reachable from Python. pythonnet: Python.NET's PythonEngine, so the script can " +
                "`import clr` and call .NET in-process; its default start method is forkserver (never fork a .NET process " +
                "that may run .NET code), --start-method fork is refused, and a script's own set_start_method still wins.",
            HelpName = "capi|pythonnet",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var map = new Option<bool>(MapOption)
        {
            Description = "Mapped mode: a Process whose target has a C# port (a static method marked [PyTarget(module, name)]) " +
                "runs in the .NET worker host, fed by CPython's own pickles; other processes run in CPython as usual.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var targets = new Option<string[]>(TargetsOption)
        {
            Description = "With --map: an assembly with more C# ports, beyond the book's; repeatable.",
            HelpName = "ASSEMBLY.dll",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var strict = new Option<bool>(StrictOption)
        {
            Description = "With --map: stop the run before starting a process whose target has no C# port, naming the " +
                "target and the [PyTarget] to add.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var help = new Option<bool>(HelpAliases[0], HelpAliases[1..]) { Hidden = true, Arity = ArgumentArity.ZeroOrOne };
        var script = new Argument<string>("script") { Description = "The Python script, run as __main__.", Arity = ArgumentArity.ZeroOrOne };
        var arguments = new Argument<string[]>("args") { Description = "Arguments for the script (sys.argv[1:]), passed untouched." };

        var command = new Command(Name,
            "Run a Python script unchanged as __main__ in CPython embedded in .NET: same output and exit code as " +
            "python3 SCRIPT.py ARGS...; multiprocessing children are real CPython processes.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Options.Add(python);
        command.Options.Add(startMethod);
        command.Options.Add(engine);
        command.Options.Add(map);
        command.Options.Add(targets);
        command.Options.Add(strict);
        command.Options.Add(help);
        command.Arguments.Add(script);
        command.Arguments.Add(arguments);
        command.SetAction(parseResult =>
        {
            var tokens = TokensAfterVerb(Environment.GetCommandLineArgs(), command.Name);
            return Split(tokens) switch
            {
                { Help: true } or { Script: null } => ShowHelp(parseResult),
                { Error: { } error } => Fail(error),
                { } invocation => Run(invocation.Options!),
            };
        });
        return command;
    }

    /// <summary>
    /// <c>pycompat run [options] SCRIPT ...</c> without building the whole command tree: start-up is part of the product
    /// (python3 starts in ~25 ms). Help and mistakes still go through System.CommandLine; null means "not handled".
    /// </summary>
    public static int? TryRunDirectly(string[] args) =>
        args is [Name, .. var rest] && Split(rest) is { Options: { } options, Help: false, Error: null } ? Run(options) : null;

    private const string Name = "run";

    private static int Run(RunOptions options)
    {
        try
        {
            var outcome = ScriptRunner.Run(MappedMode.Apply(options, PyCompat.Examples.ExampleCatalog.PortAssemblies.Select(a => a.Location)));
            outcome.ExitProcess();
            return outcome.ExitCode;
        }
        catch (Exception e) when (e is PythonNotFoundException or ArgumentException or MappingException)
        {
            return Fail(e.Message);
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"pycompat run: {message}");
        return 2;
    }

    private static int ShowHelp(ParseResult parseResult)
    {
        var helpOption = parseResult.RootCommandResult.Command.Options.OfType<System.CommandLine.Help.HelpOption>().FirstOrDefault();
        return helpOption?.Action is SynchronousCommandLineAction action ? action.Invoke(parseResult) : 0;
    }

    /// <summary>The raw tokens after the verb, exactly as the shell passed them.</summary>
    private static string[] TokensAfterVerb(string[] commandLine, string verb)
    {
        var index = Array.IndexOf(commandLine, verb, 1);
        return index < 0 ? [] : commandLine[(index + 1)..];
    }

    /// <summary>What the command line asks for: run's options up to SCRIPT; everything after SCRIPT is the script's.</summary>
    internal sealed record Invocation(RunOptions? Options, string? Script, bool Help = false, string? Error = null);

    internal static Invocation Split(IReadOnlyList<string> tokens)
    {
        string? pythonPath = null, method = null, engine = null;
        bool mapped = false, strict = false;
        var targets = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (HelpAliases.Contains(token))
                return new Invocation(null, null, Help: true);
            if (token == "--")
                return i + 1 < tokens.Count ? Build(tokens[i + 1], tokens.Skip(i + 2)) : new Invocation(null, null);
            if (!token.StartsWith('-') || token == "-")
                return Build(token, tokens.Skip(i + 1));

            if (token is MapOption or StrictOption)
            {
                mapped |= token == MapOption;
                strict |= token == StrictOption;
                continue;
            }

            if (token == TargetsOption || token.StartsWith(TargetsOption + "=", StringComparison.Ordinal))
            {
                if (token == TargetsOption && i + 1 >= tokens.Count)
                    return new Invocation(null, "", Error: $"{TargetsOption} needs a value (see pycompat run --help)");
                targets.Add(token == TargetsOption ? tokens[++i] : token[(TargetsOption.Length + 1)..]);
                continue;
            }

            var (name, value) = token.IndexOf('=') is var equals and > 0 ? (token[..equals], token[(equals + 1)..]) : (token, null);
            if (name != PythonOption && name != StartMethodOption && name != EngineOption)
                return new Invocation(null, "", Error: $"unknown option {token}; the options go before SCRIPT (see pycompat run --help)");
            if (value is null)
            {
                if (i + 1 >= tokens.Count)
                    return new Invocation(null, "", Error: $"{name} needs a value (see pycompat run --help)");
                value = tokens[++i];
            }

            if (name == PythonOption)
                pythonPath = value;
            else if (name == EngineOption)
            {
                if (!Engines.All.Contains(value))
                    return new Invocation(null, "", Error: $"{EngineOption} {value} is not one of {string.Join(", ", Engines.All)}");
                engine = value;
            }
            else if (StartMethods.All.Contains(value))
                method = value;
            else
                return new Invocation(null, "", Error: $"{StartMethodOption} {value} is not one of {string.Join(", ", StartMethods.All)}");
        }

        return new Invocation(null, null);

        Invocation Build(string scriptPath, IEnumerable<string> scriptArguments) =>
            !mapped && (strict || targets.Count > 0)
                ? new Invocation(null, "", Error: $"{(strict ? StrictOption : TargetsOption)} goes with {MapOption} (pycompat run --map [--targets ASSEMBLY.dll] [--strict] SCRIPT.py)")
                : new(new RunOptions(scriptPath, scriptArguments.ToArray())
                {
                    Python = pythonPath, StartMethod = method, Engine = engine,
                    Map = mapped ? new MapOptions(targets, strict) : null,
                }, scriptPath);
    }
}
