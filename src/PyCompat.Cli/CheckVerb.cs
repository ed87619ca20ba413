using System.CommandLine;
using PyCompat.Golden.Checking;
using PyCompat.Golden.Modes;
using PyCompat.Golden.Policies;
using PyCompat.Golden.Reporting;
using Spectre.Console;

namespace PyCompat.Cli;

/// <summary>
/// <c>pycompat check [NAMES...]</c>: runs each book example under python3, <c>pycompat run</c>, <c>pycompat run --map</c>
/// and <c>pycompat port</c>, and compares each with the golden CPython recorded (and CPython with the book).
/// </summary>
internal static class CheckVerb
{
    public static Command Create()
    {
        var names = new Argument<string[]>("names")
        {
            Description = "Examples to check (script names, with or without .py); all of them when none is given.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var modes = new Option<string[]>("--mode")
        {
            Description = $"Modes to run, repeated or comma-separated: {string.Join(", ", Mode.All.Select(m => m.Name))} (default: all).",
        };
        var update = new Option<bool>("--update") { Description = "Record the goldens again from python3 and show what changed; a golden whose content is the same is not touched." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON (for machines) instead of the table." };
        var list = new Option<bool>("--list") { Description = "Show which mode can run which example, without running anything." };
        var strict = new Option<bool>("--strict") { Description = "Exit non-zero also when a mode cannot run (no port, command not built yet)." };
        var examples = new Option<string?>("--examples")
        {
            Description = "The folder of scripts to check (default: pyexamples/ here or in the nearest folder above). It needs " +
                "golden/policies.txt with a [NAME] section for each NAME.py (at least 'order = exact' or 'order = multiset'); " +
                "record the goldens into golden/ with --update.",
        };
        var ports = new Option<string[]>(PortSet.OptionName)
        {
            Description = PortSet.OptionDescription + " The port mode runs 'pycompat port --ports ASSEMBLY NAME' and the mapped " +
                "mode 'pycompat run --map --targets ASSEMBLY NAME.py'.",
        };
        var python = new Option<string>("--python") { Description = "The CPython that records and runs the references.", DefaultValueFactory = _ => "python3" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds one run may take before it is killed and failed.", DefaultValueFactory = _ => 60 };
        var jobs = new Option<int>("--jobs") { Description = "How many runs may go at once (the scripts that sleep dominate the time).", DefaultValueFactory = _ => 2 };

        var command = new Command("check",
            "Run every script of the examples folder in every mode (python3, embedded, mapped, port) and compare each with the " +
            "golden CPython recorded, under the script's policy in golden/policies.txt; CPython is also compared with the book " +
            "where the policy file names one. The book's scripts and ports by default; your own with --examples DIR --ports " +
            "YOUR.dll. Prints a table and a unified diff under each failure; exits 1 when anything differs.");
        command.Arguments.Add(names);
        foreach (var option in (Option[])[modes, update, json, list, strict, examples, ports, python, timeout, jobs])
            command.Options.Add(option);
        command.SetAction((result, cancellationToken) => RunAsync(new Request(
            result.GetValue(names) ?? [], result.GetValue(modes) ?? [], result.GetValue(update), result.GetValue(json),
            result.GetValue(list), result.GetValue(strict), result.GetValue(examples), result.GetValue(ports) ?? [], result.GetValue(python)!,
            TimeSpan.FromSeconds(result.GetValue(timeout)), result.GetValue(jobs), result.RootCommandResult.Command), cancellationToken));
        return command;
    }

    private sealed record Request(string[] Names, string[] Modes, bool Update, bool Json, bool List, bool Strict,
        string? Examples, string[] Ports, string Python, TimeSpan Timeout, int Jobs, Command Root);

    private static async Task<int> RunAsync(Request request, CancellationToken cancellationToken)
    {
        ExampleSet examples;
        IReadOnlyList<string> names;
        IReadOnlyList<Mode> modes;
        PortSet portSet;
        try
        {
            var folder = request.Examples ?? ExampleSet.Find(Environment.CurrentDirectory)
                ?? throw new PolicyFormatException("no pyexamples/ folder here or in any folder above; pass --examples DIR.");
            examples = ExampleSet.Load(folder);
            names = request.Names.Length == 0 ? examples.Names : [.. request.Names.Select(n => Path.GetFileNameWithoutExtension(n))];
            foreach (var name in names)
                examples.Policy(name);
            portSet = PortSet.From(request.Ports);
            modes = WithPorts(ParseModes(request.Modes), portSet);
            if (request.Jobs < 1)
                throw new ArgumentException($"--jobs is at least 1, got {request.Jobs}.");
            if (request.Update && request.Modes.Length > 0)
                throw new ArgumentException("--update records goldens from python3 only; --mode does not apply to it.");
        }
        catch (Exception e) when (e is PolicyFormatException or KeyNotFoundException or ArgumentException or IOException or InvalidOperationException)
        {
            Console.Error.WriteLine($"pycompat check: {e.Message}");
            return 2;
        }

        var console = CreateConsole();
        var tools = await Tools.FindAsync(request.Python, cancellationToken);
        var ports = new PortAvailability(examples, portSet);
        var check = new GoldenCheck(examples, tools, (mode, example) => Probe(request.Root, ports, mode, example), request.Timeout, request.Jobs);

        if (request.List)
        {
            var plan = check.Plan(names, modes);
            if (request.Json)
                Console.Out.WriteLine(PlannedCell.ToJson(plan));
            else
                ConsoleReport.WritePlan(console, plan);
            return 0;
        }
        if (request.Update)
        {
            if (tools.Python is null)
            {
                Console.Error.WriteLine($"pycompat check --update: goldens come from CPython only, and {tools.PythonVersion}.");
                return 2;
            }
            var updates = await GoldenRecorder.UpdateAsync(examples, tools, names, request.Timeout, cancellationToken: cancellationToken);
            ConsoleReport.WriteUpdate(console, updates, tools.PythonVersion);
            return updates.Any(u => u.Status == UpdateStatus.Failed) ? 1 : 0;
        }

        var report = await RunWithProgressAsync(check, names, modes, interactive: !request.Json && !Console.IsOutputRedirected, console, cancellationToken);
        if (request.Json)
            Console.Out.WriteLine(report.ToJson(request.Strict));
        else
            ConsoleReport.Write(console, report);
        return report.ExitCode(request.Strict);
    }

    private static async Task<CheckReport> RunWithProgressAsync(GoldenCheck check, IReadOnlyList<string> names, IReadOnlyList<Mode> modes,
        bool interactive, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (!interactive)
        {
            // Plain progress lines on stderr, so stdout stays the report (or the JSON).
            return await check.RunAsync(names, modes,
                finished: r => Console.Error.WriteLine($"check: {r.Example} x {r.Mode.Name}: {r.Label} ({r.Elapsed.TotalSeconds:0.00} s)"),
                cancellationToken: cancellationToken);
        }
        var total = names.Count(n => check.Examples.Policy(n).Runs) * modes.Count;
        CheckReport? report = null;
        await console.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask("checking", maxValue: Math.Max(total, 1));
            report = await check.RunAsync(names, modes,
                finished: _ => task.Increment(1),
                starting: (example, mode) => task.Description = Markup.Escape($"{example} x {mode.Name}"),
                cancellationToken: cancellationToken);
        });
        return report!;
    }

    private static IReadOnlyList<Mode> ParseModes(string[] values)
    {
        var requested = values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (requested.Count == 0)
            return Mode.All;
        return [.. requested.Distinct().Select(name => Mode.Find(name)
            ?? throw new ArgumentException($"no mode '{name}'; the modes are {string.Join(", ", Mode.All.Select(m => m.Name))}."))];
    }

    // The port and mapped modes run the user's ports when --ports names them; the others run CPython alone.
    private static IReadOnlyList<Mode> WithPorts(IReadOnlyList<Mode> modes, PortSet portSet) => [.. modes.Select(mode =>
        mode.Name == Mode.Port.Name ? mode.WithOptions(portSet.AsOption(PortSet.OptionName))
        : mode.Name == Mode.Mapped.Name ? mode.WithOptions(portSet.AsOption(RunCommandLine.TargetsOption))
        : mode)];

    // Whether this very pycompat has the command a mode needs: its verbs and options, and the ports it was built with.
    private static Availability Probe(Command root, PortAvailability ports, Mode mode, string example)
    {
        if (mode.Tool != Tool.Pycompat)
            return Availability.Available;
        var verb = root.Subcommands.FirstOrDefault(c => c.Name == mode.Arguments[0]);
        if (verb is null)
            return Availability.NotApplicable($"this pycompat has no '{mode.Arguments[0]}' verb yet");
        // run's options live in its own parser (RunCommandLine), not in the command tree.
        Func<string, bool> accepts = verb.Name == RunVerb.Name
            ? RunCommandLine.Accepts
            : option => verb.Options.Any(o => o.Name == option || o.Aliases.Contains(option));
        foreach (var option in mode.Arguments.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            if (!accepts(option))
                return Availability.NotApplicable($"'pycompat {verb.Name}' has no {option} option yet");
        }
        if (mode.Name == Mode.Port.Name)
            return ports.ForPort(example);
        if (mode.Name == Mode.Mapped.Name)
            return ports.ForMapped(example);
        return Availability.Available;
    }

    private static IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
            console.Profile.Width = 200; // a file or pipe has no width: do not wrap the table at 80 columns
        return console;
    }
}
