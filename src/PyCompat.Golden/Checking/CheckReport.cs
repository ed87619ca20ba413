using System.Text;
using System.Text.Json;
using PyCompat.Golden.Modes;
using PyCompat.Golden.Running;

namespace PyCompat.Golden.Checking;

/// <summary>Everything one <c>pycompat check</c> found.</summary>
/// <param name="Folder">The examples folder.</param>
/// <param name="Python">Which CPython ran the reference modes, e.g. <c>CPython 3.11.7</c>.</param>
/// <param name="Modes">The modes checked, in column order.</param>
/// <param name="Results">One result per example and mode, in the order they ran.</param>
/// <param name="NotRun">Examples the policy says are not run (modules), with why.</param>
internal sealed record CheckReport(string Folder, string Python, IReadOnlyList<Mode> Modes, IReadOnlyList<CellResult> Results,
    IReadOnlyList<(string Example, string Reason)> NotRun)
{
    /// <summary>How many results passed.</summary>
    public int Passed => Results.Count(r => r.Status == CellStatus.Passed);

    /// <summary>How many results failed.</summary>
    public int Failed => Results.Count(r => r.Status == CellStatus.Failed);

    /// <summary>How many results could not run: they are not passes.</summary>
    public int NotApplicable => Results.Count(r => r.Status == CellStatus.NotApplicable);

    /// <summary>
    /// 1 when anything failed; with <paramref name="strict"/>, also when a mode could not run; otherwise 0.
    /// </summary>
    public int ExitCode(bool strict) => Failed > 0 || (strict && NotApplicable > 0) ? 1 : 0;

    /// <summary>One sentence: the counts, and the conditions of the runs.</summary>
    public string Summary() =>
        $"{Results.Count} checks: {Passed} passed, {Failed} failed, {NotApplicable} could not run (not counted as passes). "
        + $"Reference: {Python}; {string.Join(", ", ProcessRunner.RemovedVariables)} removed from every run's environment.";

    /// <summary>The report for machines: examples, modes, every result with its status, time, reason and diff.</summary>
    public string ToJson(bool strict)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("examples", Folder);
            json.WriteString("python", Python);
            json.WriteStartArray("removedEnvironment");
            foreach (var name in ProcessRunner.RemovedVariables)
                json.WriteStringValue(name);
            json.WriteEndArray();
            json.WriteStartArray("modes");
            foreach (var mode in Modes)
            {
                json.WriteStartObject();
                json.WriteString("name", mode.Name);
                json.WriteString("summary", mode.Summary);
                json.WriteString("reference", mode.Reference == Reference.Book ? "book" : "golden");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("results");
            foreach (var r in Results)
            {
                json.WriteStartObject();
                json.WriteString("example", r.Example);
                json.WriteString("mode", r.Mode.Name);
                json.WriteString("status", StatusName(r.Status));
                json.WriteString("label", r.Label);
                json.WriteString("command", r.Command);
                json.WriteNumber("seconds", Math.Round(r.Elapsed.TotalSeconds, 3));
                if (r.Reason is null) json.WriteNull("reason"); else json.WriteString("reason", r.Reason);
                if (r.Diff.Length == 0) json.WriteNull("diff"); else json.WriteString("diff", r.Diff);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("notRun");
            foreach (var (example, reason) in NotRun)
            {
                json.WriteStartObject();
                json.WriteString("example", example);
                json.WriteString("reason", reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("passed", Passed);
            json.WriteNumber("failed", Failed);
            json.WriteNumber("notApplicable", NotApplicable);
            json.WriteNumber("exitCode", ExitCode(strict));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The status as the JSON report spells it: <c>pass</c>, <c>fail</c> or <c>n/a</c>.</summary>
    public static string StatusName(CellStatus status) => status switch
    {
        CellStatus.Passed => "pass",
        CellStatus.Failed => "fail",
        _ => "n/a",
    };
}
