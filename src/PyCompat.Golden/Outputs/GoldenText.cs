using System.Text;
using PyCompat.Golden.Policies;

namespace PyCompat.Golden.Outputs;

/// <summary>
/// The readable text of an output, as goldens store it and as diffs show it:
/// <code>
/// exit: 0
/// stdout:
/// | Worker: 0
/// | Worker: 1
/// stderr:
/// </code>
/// Each line of a stream follows <c>| </c> (an empty line is a bare <c>|</c>); a stream that does not end with a
/// newline is followed by <c>\ no newline at end</c>. Lines starting with <c>#</c> before <c>exit:</c> are comments.
/// The text is canonical under a policy: each line normalised, and the lines sorted when the order is a multiset,
/// so two outputs are equal under the policy exactly when their texts are equal.
/// </summary>
internal static class GoldenText
{
    private const string NoNewline = "\\ no newline at end";

    /// <summary>The canonical text of <paramref name="output"/> under <paramref name="policy"/>, limited to <paramref name="streams"/>.</summary>
    public static string Render(ProgramOutput output, ExamplePolicy policy, Streams streams = Streams.All)
    {
        var text = new StringBuilder();
        if (streams.HasFlag(Streams.ExitCode))
            text.Append("exit: ").Append(output.ExitCode).Append('\n');
        if (streams.HasFlag(Streams.Stdout))
            AppendStream(text, "stdout", output.Stdout, policy);
        if (streams.HasFlag(Streams.Stderr))
            AppendStream(text, "stderr", output.Stderr, policy);
        return text.ToString();
    }

    /// <summary>Reads a golden's text back into an output; comment lines are skipped.</summary>
    /// <exception cref="FormatException">the text is not in this format; the message names the line.</exception>
    public static ProgramOutput Parse(string text, string source)
    {
        var lines = text.Split('\n');
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        var i = 0;
        while (i < count && lines[i].StartsWith('#'))
            i++;
        if (i >= count || !lines[i].StartsWith("exit: ", StringComparison.Ordinal) || !int.TryParse(lines[i]["exit: ".Length..], out var exitCode))
            throw new FormatException($"{source}:{i + 1}: expected 'exit: N'.");
        i++;
        var stdout = ReadStream(lines, count, ref i, "stdout", source);
        var stderr = ReadStream(lines, count, ref i, "stderr", source);
        if (i < count)
            throw new FormatException($"{source}:{i + 1}: unexpected '{lines[i]}' after the stderr section.");
        return new ProgramOutput(exitCode, stdout, stderr);
    }

    /// <summary>Splits a stream into lines, and says whether it ended with a newline (an empty stream does).</summary>
    public static (IReadOnlyList<string> Lines, bool EndsWithNewline) SplitLines(string stream)
    {
        if (stream.Length == 0)
            return ([], true);
        var endsWithNewline = stream.EndsWith('\n');
        var lines = (endsWithNewline ? stream[..^1] : stream).Split('\n');
        return (lines, endsWithNewline);
    }

    private static void AppendStream(StringBuilder text, string name, string stream, ExamplePolicy policy)
    {
        text.Append(name).Append(":\n");
        var (lines, endsWithNewline) = SplitLines(stream);
        IEnumerable<string> canonical = policy.Canonical(lines);
        if (policy.Order == LineOrder.Multiset)
            canonical = canonical.Order(StringComparer.Ordinal);
        foreach (var line in canonical)
            text.Append(line.Length == 0 ? "|" : "| " + line).Append('\n');
        if (!endsWithNewline)
            text.Append(NoNewline).Append('\n');
    }

    private static string ReadStream(string[] lines, int count, ref int i, string name, string source)
    {
        if (i >= count || lines[i] != name + ":")
            throw new FormatException($"{source}:{i + 1}: expected '{name}:'.");
        i++;
        var stream = new StringBuilder();
        while (i < count && lines[i].StartsWith('|'))
        {
            var line = lines[i];
            if (line.Length > 1 && !line.StartsWith("| ", StringComparison.Ordinal))
                throw new FormatException($"{source}:{i + 1}: a line of output is '| text' or a bare '|', got '{line}'.");
            stream.Append(line.Length > 1 ? line[2..] : "").Append('\n');
            i++;
        }
        if (i < count && lines[i] == NoNewline)
        {
            if (stream.Length > 0)
                stream.Length--;
            i++;
        }
        return stream.ToString();
    }
}
