using System.Text.RegularExpressions;

namespace PyCompat.Mapping.Tests.Support;

/// <summary>
/// What of the book scripts' output may differ from python3's run to run or between a CPython and a .NET child, and
/// nothing else: a pid (a number of three or more digits standing alone: the scripts print pids as <c>pid=4242</c>,
/// <c>parent=4242</c> or a bare number after a name) and the frames of a traceback (a .NET child's frames name C#
/// files; the header and the exception line stay compared). Lines are compared as multisets: the children race.
/// </summary>
public static partial class BookOutput
{
    public static IReadOnlyList<string> Lines(string stream)
    {
        var lines = new List<string>();
        var inTraceback = false;
        foreach (var line in stream.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (inTraceback && line.StartsWith(' ')) continue;
            inTraceback = line == "Traceback (most recent call last):";
            lines.Add(Pid().Replace(line, "<pid>"));
        }
        return [.. lines.Order(StringComparer.Ordinal)];
    }

    /// <summary>Asserts the same exit code and the same normalised multisets of stdout and of stderr.</summary>
    public static void AssertSame(RunResult expected, RunResult actual)
    {
        var context = $"\n=== python3\n{expected}\n=== pycompat\n{actual}";
        Assert.True(expected.ExitCode == actual.ExitCode, $"exit codes differ{context}");
        Assert.True(Lines(expected.StandardOutput).SequenceEqual(Lines(actual.StandardOutput)), $"stdout differs{context}");
        Assert.True(Lines(expected.StandardError).SequenceEqual(Lines(actual.StandardError)), $"stderr differs{context}");
    }

    [GeneratedRegex(@"(?<![\w-])\d{3,}\b")]
    private static partial Regex Pid();
}
