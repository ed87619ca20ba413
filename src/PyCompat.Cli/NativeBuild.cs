#if PYCOMPAT_NATIVE
using PyCompat.PythonHost.Running;

namespace PyCompat.Cli;

/// <summary>
/// What the NativeAOT build of pycompat (<c>-p:PyCompatCliAot=true</c>, PyCompat.Cli.csproj) leaves out, said when
/// it is asked for: it runs scripts in CPython with the C-API engine, and everything that loads .NET assemblies or
/// generates code at run time (the other verbs, <c>--map</c>, <c>--engine pythonnet</c>) needs the JIT build.
/// </summary>
internal static class NativeBuild
{
    private const string JitBuild = "the JIT build does: dotnet run --project src/PyCompat.Cli -- ";

    /// <summary>Why this build cannot run <paramref name="options"/>, or null when it can.</summary>
    public static string? Refusal(RunOptions options) =>
        options.Map is not null
            ? "--map is not in this NativeAOT build of pycompat (mapped mode loads the ports' assemblies at run time, "
                + $"which NativeAOT cannot); {JitBuild}run --map ..."
            : options.Engine == Engines.Pythonnet
                ? "--engine pythonnet is not in this NativeAOT build of pycompat (Python.NET generates code at run "
                    + $"time, which NativeAOT cannot); {JitBuild}run --engine pythonnet ..."
                : null;

    /// <summary><c>pycompat</c> with a verb other than run, or none.</summary>
    public static int OtherVerb(string[] args)
    {
        var usage = "usage: pycompat run [--help] [options] SCRIPT.py [ARGS...]\n"
            + "This is the NativeAOT build of pycompat (-p:PyCompatCliAot=true): it has `run` only, to start as fast as "
            + "python3; check, port, targets, pickle, --map and --engine pythonnet are in the JIT build "
            + "(dotnet run --project src/PyCompat.Cli -- --help).";
        if (args is [] or ["--help" or "-h" or "-?"])
        {
            Console.Out.WriteLine(usage);
            return 0;
        }
        Console.Error.WriteLine($"pycompat: '{args[0]}' is not in this NativeAOT build of pycompat\n{usage}");
        return 2;
    }
}
#endif
