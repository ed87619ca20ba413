using System.Runtime.InteropServices;
using PyCompat.PythonHost.Discovery;
using Python.Runtime;

namespace PyCompat.PythonHost.Bridge;

/// <summary>
/// Starts CPython through Python.NET's <c>PythonEngine.Initialize()</c>, once per process, from the one probe
/// <see cref="PythonLocator"/> made (docs/pitfalls.md, "One probe, one install"): library, home and executable cannot come from different installs.
/// After <see cref="Start"/> the calling thread does not hold the GIL: every Python call goes inside
/// <c>using (Py.GIL())</c> (docs/pitfalls.md, "The GIL under pythonnet").
/// </summary>
internal static class PythonNetRuntime
{
    /// <summary>The oldest CPython Python.NET 3.2 can embed (its ABI tables start at 3.11).</summary>
    public static Version MinimumVersion { get; } = new(3, 11);

    private static readonly object s_lock = new();
    private static PythonInstall? s_started;

    /// <summary>The install CPython was started from, or null before <see cref="Start"/>.</summary>
    public static PythonInstall? Started => s_started;

    /// <summary>Starts CPython from <paramref name="install"/>; a second call with the same install does nothing.</summary>
    /// <exception cref="PythonNotFoundException">Python.NET cannot embed this CPython; the message says what to pass.</exception>
    /// <param name="install">The probed interpreter.</param>
    /// <param name="pythonSignals">True for python3's own signal set-up (<c>Py_InitializeEx(1)</c>: SIGINT raises
    /// KeyboardInterrupt, SIGPIPE ignored), as a script runner needs; false leaves signals to .NET.</param>
    public static void Start(PythonInstall install, bool pythonSignals)
    {
        lock (s_lock)
        {
            if (s_started is not null)
            {
                if (s_started != install)
                    throw new InvalidOperationException($"CPython was already started in this process from {s_started}.");
                return;
            }

            // Set before Initialize: pythonnet would otherwise take PYTHONNET_PYDLL, and CPython would take its
            // home and sys.executable from the first python3 on PATH.
            Runtime.PythonDLL = install.Library;
            PythonEngine.ProgramName = install.Executable;
            PythonEngine.PythonHome = install.Home;
            if (install.Version < MinimumVersion)
                throw Unsupported(install, $"it supports CPython {MinimumVersion} and newer");
            try
            {
                PythonEngine.Initialize(setSysArgv: false, initSigs: pythonSignals);
            }
            catch (NotSupportedException e)
            {
                throw Unsupported(install, e.Message);
            }

            ForgetRuntimeFolder();
            PythonEngine.BeginAllowThreads();
            s_started = install;
        }
    }

    private static PythonNotFoundException Unsupported(PythonInstall install, string why) => new(
        $"Python.NET {typeof(PythonEngine).Assembly.GetName().Version?.ToString(3)} cannot embed CPython {install.Version} at " +
        $"{install.Executable} ({why}); pass --python with CPython {MinimumVersion} or newer built with --enable-shared");

    /// <summary>
    /// pythonnet appends the .NET runtime folder to <c>sys.path</c> (docs/pitfalls.md, "sys.path gets the .NET folder"), which spawn children would inherit;
    /// python3 does not have it, and <c>clr.AddReference</c> finds the framework's assemblies without it.
    /// </summary>
    private static void ForgetRuntimeFolder()
    {
        using var sys = Py.Import("sys");
        using var path = sys.GetAttr("path");
        using var folder = new PyString(RuntimeEnvironment.GetRuntimeDirectory());
        while (path.InvokeMethod("__contains__", folder).IsTrue())
            path.InvokeMethod("remove", folder).Dispose();
    }
}
