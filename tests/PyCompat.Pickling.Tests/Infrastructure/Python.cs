using System.Diagnostics;
using System.Text.Json;

namespace PyCompat.Pickling.Tests.Infrastructure;

/// <summary>Runs the fixture scripts under CPython: <c>PYCOMPAT_PYTHON</c>, else <c>python3</c> on PATH.</summary>
public static class Python
{
    private static readonly Lazy<string> Executable = new(Resolve);

    /// <summary>Runs <c>fixtures.py MODE</c> with <paramref name="request"/> as JSON on stdin; returns its JSON answer.</summary>
    public static JsonElement Fixtures(string mode, object? request = null) => Script("fixtures.py", mode, request);

    /// <summary>Runs the fixture script <paramref name="name"/> (copied next to the tests) like <see cref="Fixtures"/>.</summary>
    public static JsonElement Script(string name, string mode, object? request = null)
    {
        var script = Path.Combine(AppContext.BaseDirectory, name);
        var stdin = request is null ? "" : JsonSerializer.Serialize(request);
        var (exit, stdout, stderr) = Run(Executable.Value, [script, mode], stdin);
        if (exit != 0) throw new InvalidOperationException($"{name} {mode} exited {exit}:\n{stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    /// <summary>
    /// The interpreter's real path: going through the pyenv shim costs several hundred ms a call, so resolve once.
    /// </summary>
    private static string Resolve()
    {
        var configured = Environment.GetEnvironmentVariable("PYCOMPAT_PYTHON");
        var candidate = string.IsNullOrEmpty(configured) ? "python3" : configured;
        var (exit, stdout, stderr) = Run(candidate, ["-c", "import os, sys; print(os.path.realpath(sys.executable))"], "");
        if (exit != 0 || string.IsNullOrWhiteSpace(stdout))
            throw new InvalidOperationException($"cannot run '{candidate}' (set PYCOMPAT_PYTHON to a CPython 3): {stderr}");
        return stdout.Trim();
    }

    private static (int Exit, string Stdout, string Stderr) Run(string file, string[] args, string stdin)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // docs/pitfalls.md, "PYTHONUNBUFFERED tears lines": set on these machines, and not what a plain python3 run sees.
        info.Environment.Remove("PYTHONUNBUFFERED");
        info.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
