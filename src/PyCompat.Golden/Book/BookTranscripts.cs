namespace PyCompat.Golden.Book;

/// <summary>
/// The book's own transcripts: every fenced block that starts with <c>$ python3 NAME.py</c>; the lines after the
/// prompt are what the book says the script printed on stdout.
/// </summary>
public static class BookTranscripts
{
    private const string Prompt = "$ python3 ";

    /// <summary>The transcripts in <paramref name="markdown"/>, by script name (without <c>.py</c>), in the book's order.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string markdown)
    {
        var transcripts = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
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
}
