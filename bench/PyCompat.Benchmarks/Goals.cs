using System.Globalization;
using System.Text;

namespace PyCompat.Benchmarks;

/// <summary>
/// Issue 17's goals as the suites measure them, one row each, printed together at the end of <c>all</c> as the table
/// README's "Performance" section has (<c>| goal | PyCompat | CPython | ratio | met? |</c>), so a run's result can be
/// pasted as it is. The ratio is always PyCompat's figure over CPython's; the goal's wording says which way is good.
/// </summary>
public static class Goals
{
    private sealed record Row(string Goal, string Pycompat, string Cpython, string Ratio, string Met);

    private static readonly List<Row> Rows = [];
    private static readonly List<string> Skipped = [];

    /// <summary>A goal that PyCompat meets when <paramref name="ratio"/> is at least <paramref name="limit"/> (a throughput).</summary>
    public static void AtLeast(string goal, string pycompat, string cpython, double ratio, double limit) =>
        Add(goal, pycompat, cpython, ratio, ratio >= limit);

    /// <summary>A goal that PyCompat meets when <paramref name="ratio"/> is at most <paramref name="limit"/> (a time).</summary>
    public static void AtMost(string goal, string pycompat, string cpython, double ratio, double limit) =>
        Add(goal, pycompat, cpython, ratio, ratio <= limit);

    /// <summary>A goal whose row has no figure, and why (a row that failed or was skipped).</summary>
    public static void NotMeasured(string goal, string reason)
    {
        lock (Rows) Rows.Add(new Row(goal, $"not measured: {Clean(reason)}", "", "", "not measured"));
    }

    /// <summary>Says that rows were left out of the run and why (printed under the table).</summary>
    public static void Skip(string what, string why)
    {
        lock (Rows) Skipped.Add($"{what}: {why}");
    }

    /// <summary>A row with a summary instead of one ratio (pickle: how many cells meet the goal).</summary>
    public static void Summary(string goal, string pycompat, string cpython, string ratio, bool met)
    {
        lock (Rows) Rows.Add(new Row(goal, pycompat, cpython, ratio, met ? "yes" : "**no**"));
    }

    private static void Add(string goal, string pycompat, string cpython, double ratio, bool met)
    {
        var r = double.IsFinite(ratio) ? string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}x") : "n/a";
        lock (Rows) Rows.Add(new Row(goal, pycompat, cpython, r, met ? "yes" : "**no**"));
    }

    /// <summary>True when a suite has added anything.</summary>
    public static bool Any
    {
        get { lock (Rows) return Rows.Count > 0 || Skipped.Count > 0; }
    }

    /// <summary>The table, the skipped rows and the load average, as markdown.</summary>
    public static string Table(string title, string loadBefore, string loadAfter, TimeSpan took)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"## {title}");
        sb.AppendLine();
        sb.Append(CultureInfo.InvariantCulture, $"Load average (1, 5, 15 min) before: {loadBefore}; after: {loadAfter}; the suites took {took.TotalSeconds:0} s. ");
        sb.AppendLine("ratio = PyCompat / CPython, both measured in this run (for a throughput above 1.00 is faster; for a time below 1.00 is faster).");
        sb.AppendLine();
        sb.AppendLine("| goal | PyCompat | CPython | ratio | met? |");
        sb.AppendLine("|---|---:|---:|---:|---|");
        lock (Rows)
        {
            foreach (var r in Rows) sb.AppendLine($"| {r.Goal} | {r.Pycompat} | {r.Cpython} | {r.Ratio} | {r.Met} |");
            if (Skipped.Count > 0)
            {
                sb.AppendLine();
                sb.AppendLine("Skipped in this run:");
                sb.AppendLine();
                foreach (var s in Skipped) sb.AppendLine($"- {s}");
            }
        }
        return sb.ToString();
    }

    private static string Clean(string text) => text.Replace("|", "/", StringComparison.Ordinal).Replace('\n', ' ');
}
