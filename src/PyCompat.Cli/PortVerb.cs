using System.CommandLine;
using PyCompat.Examples;
using PyCompat.Multiprocessing;

namespace PyCompat.Cli;

/// <summary><c>pycompat port NAME</c>: runs the C# port of <c>pyexamples/NAME.py</c>.</summary>
internal static class PortVerb
{
    public static Command Create()
    {
        var name = new Argument<string>("name")
        {
            Description = $"The example's name: {string.Join(", ", ExampleCatalog.Names)}.",
        };
        var command = new Command("port",
            "Run the C# port of a book example (pyexamples/NAME.py). Its targets run in fresh .NET child processes " +
            "through CPython's spawn protocol; like python3, it waits for its children before it exits.");
        command.Arguments.Add(name);
        command.SetAction(result => Run(result.GetValue(name)!));
        return command;
    }

    private static int Run(string name)
    {
        var main = ExampleCatalog.Find(Path.GetFileNameWithoutExtension(name));
        if (main is null)
        {
            Console.Error.WriteLine($"pycompat port: no C# port of '{name}'. Ported examples: {string.Join(", ", ExampleCatalog.Names)}.");
            return 2;
        }
        main();
        Process.JoinAllAtExit();
        return 0;
    }
}
