using System.CommandLine;

namespace PyCompat.Cli;

/// <summary><c>pycompat port NAME</c>: runs the C# port of <c>pyexamples/NAME.py</c>.</summary>
internal static class PortVerb
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The example's name, e.g. multiprocessing_simpleargs." };
        var command = new Command("port", "Run the C# port of a book example (pyexamples/NAME.py) and print what it prints.");
        command.Arguments.Add(name);
        command.SetAction(result =>
        {
            Console.Error.WriteLine("not yet");
            return 2;
        });
        return command;
    }
}
