using System.CommandLine;
using PyCompat.Multiprocessing.Hosting;
using PyCompat.PythonHost.Bridge;
using PyCompat.PythonHost.Discovery;
using Spectre.Console;

namespace PyCompat.Cli;

/// <summary>
/// <c>pycompat targets</c>: lists each Python <c>module.name</c> with the C# method that ports it, and flags ports whose
/// parameters cannot take what the Python function's signature passes; then each Python class with the C# class that
/// ports it (<c>[PyClass]</c>), flagged when one is a Process subclass and the other not, or when Python's defines
/// <c>run</c> and C#'s does not override <c>Run()</c>. The signatures come from CPython embedded through Python.NET
/// (<see cref="SignatureReader"/>).
/// </summary>
internal static class TargetsVerb
{
    public static Command Create()
    {
        var targets = new Option<string[]>("--targets")
        {
            Description = "An assembly with more C# ports (static methods marked [PyTarget(module, name)]), beyond the " +
                "book's; repeatable. Assemblies in PYCOMPAT_TARGETS are listed too, as the worker host loads them.",
            HelpName = "ASSEMBLY.dll",
            AllowMultipleArgumentsPerToken = false,
        };
        var python = new Option<string>("--python")
        {
            Description = "The CPython to embed: an interpreter or its libpython3.X.so. Default: PYCOMPAT_PYTHON, then " +
                "PYTHONNET_PYDLL, then python3 on PATH.",
            HelpName = "PATH",
        };
        var path = new Option<string>("--path")
        {
            Description = "The folder with the Python modules (module.py) whose functions are ported. Default: ./pyexamples " +
                "if it exists, else the current folder. Importing a module runs its top level, not its __main__ block.",
            HelpName = "DIR",
        };
        var command = new Command("targets",
            "List each Python module.name with the C# method that ports it, and flag ports whose parameters cannot take " +
            "what the Python function's signature passes (read with inspect.signature in CPython embedded through " +
            "Python.NET); then each Python class with its [PyClass] C# class, flagged when one is a Process subclass and " +
            "the other not, or when Python's defines run() and C#'s does not override Run(). Exits 0 when every port " +
            "was checked and fits, 1 otherwise.");
        command.Options.Add(targets);
        command.Options.Add(python);
        command.Options.Add(path);
        command.SetAction(result => Run(result.GetValue(targets) ?? [], result.GetValue(python), result.GetValue(path)));
        return command;
    }

    private static int Run(string[] targets, string? python, string? path)
    {
        var folder = path ?? (Directory.Exists("pyexamples") ? "pyexamples" : ".");
        if (!Directory.Exists(folder))
            return Fail($"--path {folder}: no such folder");

        PortCatalog catalog;
        PythonInstall install;
        IReadOnlyList<PythonFunctionLookup> lookups;
        IReadOnlyList<PythonClassLookup> classLookups;
        try
        {
            catalog = PortCatalog.Load(Examples.ExampleCatalog.PortAssemblies, targets);
            install = PythonLocator.Locate(python);
            lookups = SignatureReader.Read(install, folder, catalog.Ports.Select(p => (p.Module, p.Name)));
            classLookups = SignatureReader.ReadClasses(install, folder, catalog.Classes.Select(c => (c.Module, c.Name)));
        }
        catch (Exception e) when (e is PythonNotFoundException or IOException or BadImageFormatException or ArgumentException)
        {
            return Fail(e.Message);
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Python").AddColumn("signature").AddColumn("C# port").AddColumn("fits");
        var allFit = true;
        foreach (var (port, lookup) in catalog.Ports.Zip(lookups))
        {
            var problems = lookup.Signature is { } signature ? PortFit.Check(signature, port.Method) : [lookup.Problem!];
            allFit &= problems.Count == 0;
            table.AddRow(
                Markup.Escape(port.PythonName),
                Markup.Escape(lookup.Signature?.ToString() ?? "-"),
                Markup.Escape($"{port.Method.DeclaringType?.FullName}.{PortFit.Describe(port.Method)}"),
                problems.Count == 0 ? "[green]yes[/]" : "[red]no:[/] " + Markup.Escape(string.Join("\n", problems)));
        }

        foreach (var (port, lookup) in catalog.Classes.Zip(classLookups))
        {
            var problems = ClassFit.Check(lookup, port.Type.Name, port.IsProcess, port.OverridesRun);
            allFit &= problems.Count == 0;
            table.AddRow(
                Markup.Escape(port.PythonName),
                Markup.Escape(lookup.Description ?? "-"),
                Markup.Escape(port.Type.FullName?.Replace("+", ".") + (port.IsProcess ? " : Process" : "")),
                problems.Count == 0 ? "[green]yes[/]" : "[red]no:[/] " + Markup.Escape(string.Join("\n", problems)));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
            console.Profile.Width = 1000; // a file or pipe has no width: one line per problem, never wrapped
        console.Write(table);
        console.WriteLine($"{catalog.Ports.Count} function ports and {catalog.Classes.Count} class ports, {(allFit ? "all fit" : "not all fit")}; Python modules from {Path.GetFullPath(folder)}, CPython {install.Version}.");
        return allFit ? 0 : 1;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"pycompat targets: {message}");
        return 2;
    }
}
