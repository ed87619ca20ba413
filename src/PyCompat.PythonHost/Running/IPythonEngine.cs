using PyCompat.PythonHost.Discovery;

namespace PyCompat.PythonHost.Running;

/// <summary>
/// One way of starting CPython in this process and driving the runner module in it. <see cref="ScriptRunner"/> owns
/// everything else (options, hooks, configuration, exit codes), so both engines behave the same.
/// </summary>
internal interface IPythonEngine
{
    /// <summary>
    /// The start method the runner makes the default when <c>--start-method</c> is not given, or null for the
    /// interpreter's own default, as python3 uses it.
    /// </summary>
    string? DefaultStartMethod { get; }

    /// <summary>Start methods this engine refuses as a default, each with the reason.</summary>
    IReadOnlyDictionary<string, string> RefusedStartMethods { get; }

    /// <summary>Starts CPython from the probed install: library, home and executable from the same probe. Once per process.</summary>
    void Start(PythonInstall install);

    /// <summary>Runs <paramref name="source"/> as the module <paramref name="name"/> (in <c>sys.modules</c>, with <c>__file__</c> = <paramref name="fileName"/>).</summary>
    void LoadModule(string name, string source, string fileName);

    /// <summary>Calls <c>module.function(argument)</c>; false when it raised, after printing the error to stderr.</summary>
    bool Call(string module, string function, string argument);

    /// <summary>Reads <c>module.attribute</c> as an integer.</summary>
    long ReadInt(string module, string attribute);

    /// <summary>
    /// Ends Python's work the way python3 does before it exits: non-daemon threads joined, atexit handlers run (so
    /// multiprocessing joins its children), stdout and stderr flushed. False when flushing failed (python3 exits 120).
    /// </summary>
    bool Finish();
}
