using PyCompat.PythonHost.Discovery;

namespace PyCompat.PythonHost.Embedding;

/// <summary>
/// CPython started inside this process from one probed install. Once per process: CPython cannot be
/// initialized again after it is finalized.
/// </summary>
internal sealed class EmbeddedInterpreter
{
    private static int s_started;

    private EmbeddedInterpreter(CPythonApi api) => Api = api;

    public CPythonApi Api { get; }

    public static EmbeddedInterpreter Start(PythonInstall install)
    {
        if (Interlocked.Exchange(ref s_started, 1) != 0)
            throw new InvalidOperationException("CPython was already started in this process; run one script per process.");

        var api = new CPythonApi(NativeLibraryLoader.LoadGlobal(install.Library));
        // Both from the same probe: a libpython with another install's standard library crashes (docs/pitfalls.md, "One probe, one install").
        api.SetProgramName(install.Executable);
        api.SetPythonHome(install.Home);
        api.Initialize();
        return new EmbeddedInterpreter(api);
    }
}
