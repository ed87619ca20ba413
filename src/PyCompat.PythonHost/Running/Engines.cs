using System.Diagnostics.CodeAnalysis;

namespace PyCompat.PythonHost.Running;

/// <summary>The engines <c>--engine</c> accepts: how CPython is started inside the .NET process.</summary>
public static class Engines
{
    /// <summary>
    /// The default: libpython driven through a dozen C-API calls. Fastest start, no .NET reachable from Python,
    /// the interpreter's own default start method (fork on Linux up to 3.13).
    /// </summary>
    public const string CApi = "capi";

    /// <summary>
    /// Python.NET's <c>PythonEngine.Initialize()</c>: the script can <c>import clr</c> and call .NET. Slower to
    /// start; the default start method is <c>forkserver</c>, since a forked copy of a .NET process must not run .NET.
    /// </summary>
    public const string Pythonnet = "pythonnet";

    /// <summary>
    /// Whether the pythonnet engine is in this build. A feature switch: the NativeAOT build of pycompat sets
    /// <c>PyCompat.PythonHost.PythonnetEngine</c> to false, and the trimmer then leaves Python.NET out of it.
    /// </summary>
    [FeatureSwitchDefinition(PythonnetSwitch)]
    public static bool PythonnetSupported => !AppContext.TryGetSwitch(PythonnetSwitch, out var on) || on;

    private const string PythonnetSwitch = "PyCompat.PythonHost.PythonnetEngine";

    /// <summary>All of them, the default first.</summary>
    public static IReadOnlyList<string> All { get; } = [CApi, Pythonnet];
}
