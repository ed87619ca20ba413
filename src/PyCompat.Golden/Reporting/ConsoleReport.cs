using PyCompat.Golden.Checking;
using PyCompat.Golden.Modes;
using Spectre.Console;

namespace PyCompat.Golden.Reporting;

/// <summary>Renders check and update results for a person: a table, the reasons, then a diff under each failure.</summary>
internal static class ConsoleReport
{
    /// <summary>The table (example x mode: verdict and time), why modes could not run, each failure's diff, and the summary.</summary>
    public static void Write(IAnsiConsole console, CheckReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("example");
        foreach (var mode in report.Modes)
            table.AddColumn(new TableColumn(mode.Name).Centered());
        foreach (var example in report.Results.Select(r => r.Example).Distinct())
        {
            var cells = report.Modes.Select(mode => report.Results.FirstOrDefault(r => r.Example == example && r.Mode == mode))
                .Select(r => r is null ? new Markup("") : Cell(r));
            table.AddRow([new Text(example), .. cells]);
        }
        console.Write(table);
        foreach (var (example, reason) in report.NotRun)
            console.WriteLine($"{example}: {reason}.");

        var width = report.Modes.Max(m => m.Name.Length);
        foreach (var mode in report.Modes)
            console.WriteLine($"  {mode.Name.PadRight(width)}  {mode.Summary}");
        var examples = report.Results.Select(r => r.Example).Distinct().Count();
        foreach (var group in report.Results.Where(r => r.Status == CellStatus.NotApplicable).GroupBy(r => (r.Mode.Name, r.Label, r.Reason)))
        {
            var which = group.Count() == examples && examples > 1 ? "every example" : string.Join(", ", group.Select(r => r.Example));
            console.WriteLine($"{group.Key.Name} is {group.Key.Label} for {which}: {group.Key.Reason}.");
        }

        foreach (var failure in report.Results.Where(r => r.Status == CellStatus.Failed))
        {
            console.WriteLine();
            WriteLine(console, $"FAIL {failure.Example} x {failure.Mode.Name}: {failure.Command}", Color.Red);
            console.WriteLine($"  {failure.Reason}");
            if (failure.Diff.Length > 0)
                WriteDiff(console, failure.Diff);
            else if (failure.Output is { } output && output.Stderr.Length > 0)
                WriteIndented(console, "stderr:", output.Stderr);
        }
        console.WriteLine();
        WriteLine(console, report.Summary(), report.Failed > 0 ? Color.Red : report.NotApplicable > 0 ? Color.Yellow : Color.Green);
    }

    /// <summary>One line per golden (unchanged, created, changed or failed), with the diff of each change.</summary>
    public static void WriteUpdate(IAnsiConsole console, IReadOnlyList<UpdateResult> results, string python)
    {
        foreach (var result in results)
        {
            var line = result.Status switch
            {
                UpdateStatus.Unchanged => $"unchanged  golden/{result.Example}.txt",
                UpdateStatus.Created => $"created    golden/{result.Example}.txt",
                UpdateStatus.Changed => $"changed    golden/{result.Example}.txt",
                _ => $"FAILED     golden/{result.Example}.txt: {result.Reason}",
            };
            WriteLine(console, line, result.Status switch
            {
                UpdateStatus.Unchanged => Color.Default,
                UpdateStatus.Failed => Color.Red,
                _ => Color.Yellow,
            });
            if (result.Diff.Length > 0)
                WriteDiff(console, result.Diff);
        }
        var changed = results.Count(r => r.Status is UpdateStatus.Changed or UpdateStatus.Created);
        console.WriteLine($"Recorded from {python}: {changed} of {results.Count} goldens written, {results.Count(r => r.Status == UpdateStatus.Unchanged)} unchanged, {results.Count(r => r.Status == UpdateStatus.Failed)} failed.");
    }

    /// <summary>Which mode would run which example, and why not, without running anything.</summary>
    public static void WritePlan(IAnsiConsole console, IReadOnlyList<PlannedCell> plan)
    {
        var modes = plan.Select(c => c.Mode).Distinct().ToList();
        var table = new Table().Border(TableBorder.Rounded).AddColumn("example");
        foreach (var mode in modes)
            table.AddColumn(mode.Name);
        foreach (var row in plan.GroupBy(c => c.Example))
        {
            table.AddRow([new Text(row.Key), .. modes.Select(mode => row.FirstOrDefault(c => c.Mode == mode) is not { } cell ? new Text("")
                : cell.Availability.CanRun ? new Text("runs")
                : new Text($"{cell.Availability.Label}: {cell.Availability.Reason}", new Style(Color.Grey)))]);
        }
        console.Write(table);
    }

    private static Markup Cell(CellResult result)
    {
        var time = $"{result.Elapsed.TotalSeconds:0.00} s";
        return result.Status switch
        {
            CellStatus.Passed => new Markup($"[green]pass[/] {time}"),
            CellStatus.Failed => new Markup($"[red bold]FAIL[/] {time}"),
            _ => new Markup($"[grey]{Markup.Escape(result.Label)}[/]"),
        };
    }

    private static void WriteDiff(IAnsiConsole console, string diff)
    {
        foreach (var line in diff.TrimEnd('\n').Split('\n'))
        {
            var color = line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) ? Color.Default
                : line.StartsWith('+') ? Color.Green
                : line.StartsWith('-') ? Color.Red
                : line.StartsWith("@@", StringComparison.Ordinal) ? Color.Aqua
                : Color.Default;
            WriteLine(console, "    " + line, color);
        }
    }

    private static void WriteIndented(IAnsiConsole console, string title, string text)
    {
        console.WriteLine("  " + title);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
            WriteLine(console, "    " + line, Color.Default);
    }

    // Plain text, never parsed as markup; without ANSI support it goes to the writer as is, so nothing is wrapped.
    private static void WriteLine(IAnsiConsole console, string text, Color color)
    {
        if (console.Profile.Capabilities.Ansi)
            console.Write(new Text(text + "\n", new Style(color)));
        else
            console.Profile.Out.Writer.WriteLine(text);
    }
}
