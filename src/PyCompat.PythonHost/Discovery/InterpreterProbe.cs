using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using PyCompat.Multiprocessing.Discovery;

namespace PyCompat.PythonHost.Discovery;

/// <summary>
/// Asks one interpreter, once, for everything the runner needs (Resources/probe.py). Shims such as pyenv's are
/// resolved by this run itself: the answer names the real binary, so later runs and children skip the shim.
/// </summary>
internal static class InterpreterProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The probe's answer before it is checked.</summary>
    internal sealed record Answer(string Implementation, string Executable, string Home, int[] Version, string? Library);

    public static Answer Run(PythonCandidate candidate)
    {
        var start = new ProcessStartInfo(candidate.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // -I: ignore PYTHON* variables and the user's site folder; -S: skip site (faster, not needed to answer).
        foreach (var arg in new[] { "-I", "-S", "-c", ReadResource("probe.py") })
            start.ArgumentList.Add(arg);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e)
        {
            throw new PythonNotFoundException(
                $"{candidate} could not be started ({e.Message}); {PythonNotFoundException.Remedy}");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill();
                throw new PythonNotFoundException(
                    $"{candidate} did not answer within {Timeout.TotalSeconds:0} s; {PythonNotFoundException.Remedy}");
            }

            var output = stdout.Result.Trim();
            if (process.ExitCode != 0 || !output.StartsWith('{'))
            {
                var why = FirstLine(stderr.Result) ?? FirstLine(output) ?? $"exit code {process.ExitCode}";
                throw new PythonNotFoundException(
                    $"{candidate} is not a working CPython 3.9+ ({why}); {PythonNotFoundException.Remedy}");
            }

            return Parse(output, candidate);
        }
    }

    internal static Answer Parse(string json, PythonCandidate candidate)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new Answer(
                root.GetProperty("implementation").GetString() ?? "",
                root.GetProperty("executable").GetString() ?? "",
                root.GetProperty("home").GetString() ?? "",
                root.GetProperty("version").EnumerateArray().Select(v => v.GetInt32()).ToArray(),
                root.GetProperty("library").GetString());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new PythonNotFoundException(
                $"{candidate} gave an answer the runner cannot read ({e.Message}); {PythonNotFoundException.Remedy}");
        }
    }

    internal static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PyCompat.PythonHost." + name)
            ?? throw new InvalidOperationException($"The resource {name} is missing from PyCompat.PythonHost.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string? FirstLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // The last line of a traceback says what went wrong; other tools print one line anyway.
        return lines.Length == 0 ? null : lines[^1];
    }
}
