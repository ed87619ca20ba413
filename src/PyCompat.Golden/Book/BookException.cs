using System.Text.RegularExpressions;

namespace PyCompat.Golden.Book;

/// <summary>
/// One named, explained way in which the book's transcript (run years ago, on another machine, with another Python)
/// legitimately differs from CPython's output here. Each kind changes one thing, before the example's policy applies;
/// the rest of the transcript is compared as usual, and the example is never dropped.
/// </summary>
/// <param name="Kind">The kind, as <c>book-exceptions.txt</c> names it.</param>
/// <param name="Value">Its value.</param>
/// <param name="Explanation">Why the book differs (the entry's comment, required).</param>
internal sealed partial record BookException(string Kind, string Value, string Explanation)
{
    /// <summary>Every kind, with what it does.</summary>
    public static IReadOnlyDictionary<string, string> Kinds { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["no-transcript"] = "the book shows no run of the script; the book cell says so instead of comparing",
        ["wrapped"] = "LINE | LINE: these lines of the book are the ends of longer lines that the book's generator wrapped; each is joined to the line before it",
        ["stdlib-lines"] = "the line numbers of traceback frames in the standard library's multiprocessing package are another Python's: they become <n> on both sides",
        ["process-repr"] = "the book's Python (before 3.8) printed a Process as <Process(NAME, STATE)>; the live repr (<Process name='NAME' pid=.. parent=.. STATE exitcode=..>) is rewritten to that form",
        ["cpus"] = "N: the os.cpu_count() of the machine the book ran on, for the policy's cpu-dependent rules on the book's side",
    };

    /// <summary>The book's transcript with this exception applied.</summary>
    public string ApplyToBook(string transcript) => Kind switch
    {
        "wrapped" => Unwrap(transcript),
        "stdlib-lines" => StdlibLine().Replace(transcript, "${frame}<n>"),
        _ => transcript,
    };

    /// <summary>The live output's text (a stream) with this exception applied.</summary>
    public string ApplyToLive(string text) => Kind switch
    {
        "stdlib-lines" => StdlibLine().Replace(text, "${frame}<n>"),
        "process-repr" => ProcessRepr().Replace(text, m => $"<{m.Groups["type"].Value}({m.Groups["name"].Value}, {m.Groups["state"].Value}"
            + (m.Groups["code"].Success ? $"[{m.Groups["code"].Value.TrimStart('-')}]" : "") + (m.Groups["daemon"].Success ? ", daemon" : "") + ")>"),
        _ => text,
    };

    /// <summary>The book machine's cpu count, for a <c>cpus</c> exception.</summary>
    public int? Cpus => Kind == "cpus" ? int.Parse(Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    private string Unwrap(string transcript)
    {
        var continuations = Value.Split('|', StringSplitOptions.TrimEntries);
        var lines = new List<string>();
        foreach (var line in transcript.Split('\n'))
        {
            if (lines.Count > 0 && continuations.Contains(line.Trim(), StringComparer.Ordinal))
                lines[^1] = lines[^1].EndsWith(' ') ? lines[^1] + line.TrimStart() : lines[^1] + " " + line.TrimStart();
            else
                lines.Add(line);
        }
        return string.Join('\n', lines);
    }

    // CPython 3.8+'s BaseProcess.__repr__; before 3.8: '<%s(%s, %s%s)>' % (type, name, status, daemonic), with
    // status 'stopped[SIGTERM]' for a signal (the exit code's name) and 'stopped[1]' otherwise.
    [GeneratedRegex(@"<(?<type>\w+) name='(?<name>[^']*)'(?: pid=\S+)?(?: parent=\S+)? (?<state>\w+)(?: exitcode=(?<code>-?\w+))?(?<daemon> daemon)?>")]
    private static partial Regex ProcessRepr();

    [GeneratedRegex(@"(?m)(?<frame>^\s*File ""[^""]*/multiprocessing/[^""/]+\.py"", line )\d+")]
    private static partial Regex StdlibLine();
}
