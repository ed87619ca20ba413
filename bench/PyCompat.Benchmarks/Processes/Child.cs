using System.Diagnostics;
using System.Text;

namespace PyCompat.Benchmarks.Processes;

/// <summary>Runs one whole process for the side-by-side runner: stdout discarded, stderr kept for errors, wall time measured.</summary>
internal static class Child
{
    public sealed record Outcome(int ExitCode, TimeSpan Elapsed, string Stdout, string Stderr);

    /// <summary>The environment every measured process gets: this one without PYTHONUNBUFFERED (docs/pitfalls.md, "PYTHONUNBUFFERED tears lines").</summary>
    public static Dictionary<string, string?> BaseEnvironment(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal) { ["PYTHONUNBUFFERED"] = null };
        if (overrides is not null)
            foreach (var (key, value) in overrides) env[key] = value;
        return env;
    }

    /// <exception cref="InvalidOperationException">the process exited non-zero or timed out; the message has its stderr.</exception>
    public static Outcome Run(string executable, IEnumerable<string> args, IReadOnlyDictionary<string, string?> env,
        string? workingDirectory = null, bool keepStdout = false, int timeoutSeconds = 300)
    {
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (key, value) in env)
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var p = new Process { StartInfo = info };
        p.OutputDataReceived += (_, e) => { if (keepStdout && e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        var watch = Stopwatch.StartNew();
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        // Not the parameterless WaitForExit: it also waits for end-of-file, which helpers of the child can hold off (docs/pitfalls.md, "Captured pipes stay open").
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Describe(executable, args)} timed out after {timeoutSeconds} s");
        }
        var elapsed = watch.Elapsed;
        p.WaitForExit(2000);
        string err, outText;
        lock (stderr) err = stderr.ToString();
        lock (stdout) outText = stdout.ToString();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{Describe(executable, args)} exited with {p.ExitCode}:\n{Tail(err)}");
        return new Outcome(p.ExitCode, elapsed, outText, err);
    }

    /// <summary>The last line a child printed, read as seconds (what the Python side of a row prints).</summary>
    public static double Seconds(Outcome outcome) =>
        double.Parse(outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1],
            System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The most telling line of a failed child's message, fit for a table cell: the worker's own, else the last.</summary>
    public static string FirstLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var cause = lines.FirstOrDefault(l => l.StartsWith("pycompat-worker:", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? message;
        return cause.Replace("|", "/", StringComparison.Ordinal);
    }

    public static string Describe(string executable, IEnumerable<string> args) =>
        string.Join(' ', new[] { executable }.Concat(args).Select(a => a.Contains(' ') ? $"'{a}'" : a));

    private static string Tail(string text) => text.Length > 2000 ? "..." + text[^2000..] : text;
}
