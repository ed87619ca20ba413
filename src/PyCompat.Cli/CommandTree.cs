using System.CommandLine;

namespace PyCompat.Cli;

/// <summary>Every verb of <c>pycompat</c> but a direct <c>run</c>, parsed by System.CommandLine.</summary>
internal static class CommandTree
{
    /// <summary>Parses <paramref name="args"/> and runs the verb they name; the exit code.</summary>
    public static int Invoke(string[] args)
    {
        // Thin on purpose: every verb lives in its own file and calls into the libraries.
        var root = new RootCommand(
            "PyCompat: run Python's multiprocessing examples unchanged, embedded in .NET, mapped to C# ports, " +
            "or as C# ports, and check every way against what CPython printed.");
        foreach (var command in Verbs.All())
            root.Subcommands.Add(command);
        // No response files: `pycompat run script.py @names.txt` must hand "@names.txt" to the script untouched, as python3 does.
        return root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }).Invoke();
    }
}
