using System.Text.Json;
using PyCompat.PythonHost.Discovery;
using PyCompat.PythonHost.Embedding;

namespace PyCompat.PythonHost.Running;

/// <summary>
/// Runs a Python script unchanged as <c>__main__</c> in CPython embedded in this process, the way
/// <c>python3 SCRIPT ARGS...</c> runs it. The Python side lives in Resources/pycompat_runner.py.
/// </summary>
public static class ScriptRunner
{
    private const string RunnerModule = "pycompat_runner";
    private const string RunnerFile = "<pycompat>/pycompat_runner.py";

    /// <summary>
    /// Finds CPython (<see cref="PythonLocator"/>), runs the script and finalizes the interpreter. Call it once per
    /// process, then end the process with <see cref="ScriptOutcome.ExitProcess"/>.
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
        if (options.StartMethod is { } method && !StartMethods.All.Contains(method) && options.Hooks.Count == 0)
            throw new ArgumentException(
                $"Unknown start method '{method}'; use one of {string.Join(", ", StartMethods.All)}.", nameof(options));

        var api = EmbeddedInterpreter.Start(install).Api;
        api.ExecModule(RunnerModule, InterpreterProbe.ReadResource("pycompat_runner.py"), RunnerFile);
        var ran = api.Run($"import {RunnerModule}\n{RunnerModule}.main('{Convert.ToHexString(Configuration(options, install))}')\n");
        var outcome = ran
            ? new ScriptOutcome((int)api.ReadInt(RunnerModule, "exit_code"), api.ReadInt(RunnerModule, "keyboard_interrupt") != 0)
            : new ScriptOutcome(1); // the runner itself failed; PyRun_SimpleString printed why
        // Like python3: threads joined, atexit handlers (multiprocessing joins its children), streams flushed.
        return api.Finalize() ? outcome : outcome with { ExitCode = 120 };
    }

    /// <summary>The runner's configuration as UTF-8 JSON, written by hand to keep reflection off the start-up path.</summary>
    internal static byte[] Configuration(RunOptions options, PythonInstall install)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("script", options.Script);
            json.WriteStartArray("args");
            foreach (var argument in options.Arguments)
                json.WriteStringValue(argument);
            json.WriteEndArray();
            json.WriteString("executable", install.Executable);
            if (options.StartMethod is { } method)
                json.WriteString("start_method", method);
            json.WriteStartArray("hooks");
            foreach (var hook in options.Hooks)
            {
                json.WriteStartObject();
                json.WriteString("name", hook.Name);
                json.WriteString("source", hook.Source);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
