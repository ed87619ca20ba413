using System.Text.RegularExpressions;

namespace PyCompat.Golden.Book;

/// <summary>
/// The book's own transcripts of its scripts, by script name (without <c>.py</c>): what the book says
/// <c>$ python3 NAME.py</c> printed. The book's generator (cog) ran each script with stderr merged into stdout, so a
/// transcript holds both streams.
/// </summary>
internal static partial class BookTranscripts
{
    private const string Prompt = "$ python3 ";

    /// <summary>The transcripts in the file at <paramref name="path"/>: a <c>.rst</c> of the book's source, or a <c>.md</c> copy.</summary>
    public static IReadOnlyDictionary<string, string> Load(string path) =>
        Path.GetExtension(path) == ".rst" ? ParseRst(File.ReadAllText(path)) : Parse(File.ReadAllText(path));

    /// <summary>Every transcript of <paramref name="paths"/>; a script shown in two files keeps the first.</summary>
    public static IReadOnlyDictionary<string, string> Load(IEnumerable<string> paths)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (script, text) in paths.SelectMany(p => Load(p)))
            all.TryAdd(script, text);
        return all;
    }

    /// <summary>The transcripts in a Markdown copy: every fenced block that starts with <c>$ python3 NAME.py</c>, in the book's order.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string markdown)
    {
        var transcripts = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = SplitLines(markdown);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal) || i + 1 >= lines.Length
                || !lines[i + 1].StartsWith(Prompt, StringComparison.Ordinal))
                continue;
            var script = lines[i + 1][Prompt.Length..].Trim();
            var body = new List<string>();
            var j = i + 2;
            for (; j < lines.Length && !lines[j].TrimStart().StartsWith("```", StringComparison.Ordinal); j++)
                body.Add(lines[j]);
            if (script.EndsWith(".py", StringComparison.Ordinal) && !script.Contains(' ', StringComparison.Ordinal))
                transcripts.TryAdd(script[..^3], string.Concat(body.Select(line => line + "\n")));
            i = j;
        }
        return transcripts;
    }

    /// <summary>
    /// The transcripts in the book's reStructuredText source: each <c>.. {{{cog</c> ... <c>.. {{{end}}}</c> block is
    /// cog's output of one run, a <c>code-block</c> whose tab-indented lines are <c>$ python3 [-u] NAME.py</c>, an
    /// empty line cog adds, then what the script printed. Interpreter flags (<c>-u</c>) are not part of the name.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseRst(string rst)
    {
        var transcripts = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = SplitLines(rst);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith(".. {{{cog", StringComparison.Ordinal))
                continue;
            var end = Array.FindIndex(lines, i + 1, l => l.StartsWith(".. {{{end}}}", StringComparison.Ordinal));
            if (end < 0)
                break;
            var prompt = Array.FindIndex(lines, i + 1, end - i - 1, l => RstPrompt().IsMatch(l));
            if (prompt >= 0)
            {
                var body = lines[(prompt + 1)..end].Select(l => l.StartsWith('\t') ? l[1..] : l).ToList();
                if (body.Count > 0 && body[0].Length == 0)
                    body.RemoveAt(0);
                while (body.Count > 0 && body[^1].Length == 0)
                    body.RemoveAt(body.Count - 1);
                transcripts.TryAdd(RstPrompt().Match(lines[prompt]).Groups["script"].Value, string.Concat(body.Select(line => line + "\n")));
            }
            i = end;
        }
        return transcripts;
    }

    private static string[] SplitLines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    [GeneratedRegex(@"^\t\$ python3 (?:-\w+ )*(?<script>[\w.-]+)\.py\s*$")]
    private static partial Regex RstPrompt();
}
