using System.CommandLine;
using PyCompat.PythonHost.Discovery;
using PyCompat.PythonHost.Mapping;
using PyCompat.PythonHost.Running;

namespace PyCompat.Cli;

/// <summary>
/// <c>pycompat run [options] SCRIPT.py [ARGS...]</c>: runs a Python script unchanged in CPython embedded in .NET.
/// Thin: <see cref="RunCommandLine"/> turns the command line into <see cref="RunOptions"/> for <see cref="ScriptRunner"/>.
/// </summary>
internal static class RunVerb
{
    internal const string Name = "run";

    private const string Description =
        "Run a Python script unchanged as __main__ in CPython embedded in .NET: same output and exit code as " +
        "python3 SCRIPT.py ARGS...; multiprocessing children are real CPython processes.";

    /// <summary>The verb as <c>pycompat --help</c> lists it; its tokens go to <see cref="RunCommandLine"/> untouched.</summary>
    public static Command Create()
    {
        var command = new Command(Name, Description) { TreatUnmatchedTokensAsErrors = false };
        command.SetAction(_ => Invoke(TokensAfterVerb(Environment.GetCommandLineArgs())));
        return command;
    }

    /// <summary>
    /// <c>pycompat run ...</c> without building the other verbs' command tree: start-up is part of the product
    /// (python3 starts in ~25 ms). Null when <paramref name="args"/> is another verb's.
    /// </summary>
    public static int? TryRunDirectly(string[] args) => args is [Name, .. var rest] ? Invoke(rest) : null;

    private static int Invoke(IReadOnlyList<string> tokens) => RunCommandLine.Parse(tokens) switch
    {
        { Error: { } error } => Fail(error),
        { Options: { } options } => Run(options),
        _ => ShowHelp(),
    };

    private static int Run(RunOptions options)
    {
        try
        {
#if PYCOMPAT_NATIVE
            if (NativeBuild.Refusal(options) is { } refusal) return Fail(refusal);
            var run = options;
#else
            // The book's port assemblies are loaded only for --map: a plain run does not need them.
            var run = options.Map is null ? options : MappedMode.Apply(options, BookPorts());
#endif
            var outcome = ScriptRunner.Run(run);
            // Nothing here replaced .NET's console writers, and they flush every write: no flush, which would create them.
            outcome.ExitProcess(flushConsole: false);
            return outcome.ExitCode;
        }
        catch (Exception e) when (e is PythonNotFoundException or ArgumentException or MappingException)
        {
            return Fail(e.Message);
        }
    }

    private static IEnumerable<string> BookPorts() => Examples.ExampleCatalog.PortAssemblies.Select(a => a.Location);

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"pycompat run: {message}");
        return 2;
    }

    private static int ShowHelp()
    {
        Console.Out.Write(RunCommandLine.Help(Description));
        return 0;
    }

    /// <summary>The raw tokens after the verb, exactly as the shell passed them.</summary>
    private static string[] TokensAfterVerb(string[] commandLine)
    {
        var index = Array.IndexOf(commandLine, Name, 1);
        return index < 0 ? [] : commandLine[(index + 1)..];
    }
}
