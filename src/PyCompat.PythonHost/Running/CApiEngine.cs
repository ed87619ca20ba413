using PyCompat.PythonHost.Discovery;
using PyCompat.PythonHost.Embedding;

namespace PyCompat.PythonHost.Running;

/// <summary>
/// The default engine: libpython loaded and driven through a dozen C-API calls (Embedding/), about 15 ms to start,
/// and no .NET object reachable from Python, which is what makes the default <c>fork</c> safe.
/// </summary>
internal sealed class CApiEngine : IPythonEngine
{
    private CPythonApi? _api;

    private CPythonApi Api => _api ?? throw new InvalidOperationException("The engine was not started.");

    public string? DefaultStartMethod => null;

    public IReadOnlyDictionary<string, string> RefusedStartMethods { get; } = new Dictionary<string, string>();

    public void Start(PythonInstall install) => _api = EmbeddedInterpreter.Start(install).Api;

    public void LoadModule(string name, string source, string fileName) => Api.ExecModule(name, source, fileName);

    // PyRun_SimpleString prints the error itself.
    public bool Call(string module, string function, string argument) =>
        Api.Run($"import {module}\n{module}.{function}('{argument}')\n");

    public long ReadInt(string module, string attribute) => Api.ReadInt(module, attribute);

    // Py_FinalizeEx does all of it, as python3's own exit does.
    public bool Finish() => Api.Finalize();
}
