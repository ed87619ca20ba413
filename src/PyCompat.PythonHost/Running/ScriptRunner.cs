using System.Globalization;
using PyCompat.PythonHost.Discovery;
using PyCompat.PythonHost.Embedding;

namespace PyCompat.PythonHost.Running;

/// <summary>
/// Runs a Python script unchanged as <c>__main__</c> in CPython embedded in this process, the way
/// <c>python3 SCRIPT ARGS...</c> runs it. The Python side lives in Resources/pycompat_runner.py; how CPython is
/// started is the engine's business (<see cref="Engines"/>), everything else is shared.
/// </summary>
public static class ScriptRunner
{
    private const string RunnerModule = "pycompat_runner";
    private const string RunnerFile = "<pycompat>/pycompat_runner.py";

    /// <summary>
    /// Finds CPython (<see cref="PythonLocator"/>), runs the script and finalizes the interpreter. Call it once per
    /// process, then end the process with <see cref="ScriptOutcome.ExitProcess(bool)"/>.
    /// </summary>
    /// <exception cref="PythonNotFoundException">No usable CPython; the message says what to pass instead.</exception>
    public static ScriptOutcome Run(RunOptions options)
    {
        var install = PythonLocator.Locate(options.Python);
        var script = Path.GetFullPath(options.Script);
        if (!File.Exists(script))
        {
            // python3's wording and exit code for the same mistake.
            Console.Error.WriteLine($"pycompat run: can't open file '{script}': [Errno 2] No such file or directory");
            return new ScriptOutcome(2);
        }

        return Run(options, install);
    }

    /// <summary>Runs the script in <paramref name="install"/>; see <see cref="Run(RunOptions)"/>.</summary>
    public static ScriptOutcome Run(RunOptions options, PythonInstall install)
    {
        var engine = CreateEngine(options.Engine);
        if (options.StartMethod is { } method && !StartMethods.All.Contains(method) && options.Hooks.Count == 0)
            throw new ArgumentException(
                $"Unknown start method '{method}'; use one of {string.Join(", ", StartMethods.All)}.", nameof(options));
        if (options.StartMethod is { } chosen && engine.RefusedStartMethods.TryGetValue(chosen, out var why))
            throw new ArgumentException(why);

        engine.Start(install);
        engine.LoadModule(RunnerModule, InterpreterProbe.ReadResource("pycompat_runner.py"), RunnerFile);
        var configuration = options with { StartMethod = options.StartMethod ?? engine.DefaultStartMethod };
        var ran = engine.Call(RunnerModule, "main", Hex(Configuration(configuration, install)));
        var outcome = ran
            ? new ScriptOutcome((int)engine.ReadInt(RunnerModule, "exit_code"), engine.ReadInt(RunnerModule, "keyboard_interrupt") != 0)
            : new ScriptOutcome(1); // the runner itself failed; the engine printed why
        // Like python3: threads joined, atexit handlers (multiprocessing joins its children), streams flushed.
        return engine.Finish() ? outcome : outcome with { ExitCode = 120 };
    }

    /// <summary>The engine <paramref name="name"/> names (<see cref="Engines"/>); null is the default C-API engine.</summary>
    private static IPythonEngine CreateEngine(string? name) => name switch
    {
        null or Engines.CApi => new CApiEngine(),
        Engines.Pythonnet when Engines.PythonnetSupported => new Bridge.PythonNetEngine(),
        Engines.Pythonnet => throw new ArgumentException("the pythonnet engine is not in this build of pycompat (a NativeAOT build leaves Python.NET out); use the JIT build", nameof(name)),
        _ => throw new ArgumentException($"Unknown engine '{name}'; use one of {string.Join(", ", Engines.All)}.", nameof(name)),
    };

    /// <summary>
    /// Upper-case hex, as <see cref="Convert.ToHexString(byte[])"/> writes it, without its vectorised code, which the JIT
    /// compiled at every start (no ReadyToRun image holds it) for a few hundred bytes.
    /// </summary>
    internal static string Hex(byte[] bytes)
    {
        const string digits = "0123456789ABCDEF";
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = digits[bytes[i] >> 4];
            chars[2 * i + 1] = digits[bytes[i] & 0xF];
        }

        return new string(chars);
    }

    /// <summary>
    /// The runner's configuration as a <see cref="FieldList"/>, in the order pycompat_runner.py's <c>main</c> reads
    /// it: script, executable, start method (empty for the interpreter's default), the number of arguments, the
    /// arguments, then each hook's name and source.
    /// </summary>
    internal static byte[] Configuration(RunOptions options, PythonInstall install)
    {
        List<string> fields = [options.Script, install.Executable, options.StartMethod ?? "", options.Arguments.Count.ToString(CultureInfo.InvariantCulture)];
        fields.AddRange(options.Arguments);
        foreach (var hook in options.Hooks)
        {
            fields.Add(hook.Name);
            fields.Add(hook.Source);
        }

        return FieldList.Write(fields);
    }
}
