using System.CommandLine;
using PyCompat.Multiprocessing;

namespace PyCompat.Cli;

/// <summary><c>pycompat port NAME [--ports ASSEMBLY]</c>: runs the C# port of <c>NAME.py</c>, the book's or the user's.</summary>
internal static class PortVerb
{
    public static Command Create()
    {
        var name = new Argument<string>("name")
        {
            Description = $"The script's name (NAME or NAME.py). Without {PortSet.OptionName}, one of the book's: {string.Join(", ", PortSet.Book.Names)}.",
        };
        var ports = new Option<string[]>(PortSet.OptionName) { Description = PortSet.OptionDescription };
        var command = new Command("port",
            "Run the C# port of a script: the class marked [PyExample(\"NAME\")] in the book's ports (pyexamples/NAME.py) or in " +
            $"the assemblies given with {PortSet.OptionName}. Its targets run in fresh .NET child processes (pycompat-worker) " +
            "through CPython's spawn protocol; like python3, it waits for its children before it exits.");
        command.Arguments.Add(name);
        command.Options.Add(ports);
        command.SetAction(result => Run(result.GetValue(name)!, result.GetValue(ports) ?? []));
        return command;
    }

    private static int Run(string name, string[] paths)
    {
        PortSet portSet;
        Action? main;
        try
        {
            portSet = PortSet.From(paths);
            main = portSet.Find(Path.GetFileNameWithoutExtension(name));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine($"pycompat port: {e.Message}");
            return 2;
        }
        if (main is null)
        {
            var ported = portSet.Names.Count == 0 ? "none" : string.Join(", ", portSet.Names);
            Console.Error.WriteLine($"pycompat port: no C# port of '{name}' in {portSet.Describe()}; mark a class [PyExample(\"{Path.GetFileNameWithoutExtension(name)}\")] " +
                $"with a public static Main(). Ported scripts: {ported}.");
            return 2;
        }
        main();
        Process.JoinAllAtExit();
        return 0;
    }
}
