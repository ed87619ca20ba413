using System.Text.RegularExpressions;

namespace PyCompat.Testing;

/// <summary>
/// Turns output into what may be compared: lines with pids and addresses normalised, as a sorted multiset, since
/// racing processes print in a different order on every run, even under python3 (docs/pitfalls.md, "Racing output has no order").
/// </summary>
public static partial class Output
{
    /// <summary>The lines of <paramref name="text"/>, normalised and sorted.</summary>
    public static IReadOnlyList<string> Multiset(string text) =>
        text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(Normalise)
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>One line with what legitimately varies between runs replaced.</summary>
    public static string Normalise(string line) =>
        Pid().Replace(Address().Replace(line, "0xADDR"), "${name}PID");

    [GeneratedRegex("0x[0-9a-fA-F]+")]
    private static partial Regex Address();

    [GeneratedRegex(@"(?<name>\bpid[=: ]\s*)\d+", RegexOptions.IgnoreCase)]
    private static partial Regex Pid();
}

/// <summary>The comparison every parity test makes: python3's run against PyCompat's.</summary>
public static class Parity
{
    /// <summary>Asserts the same exit code and the same multisets of stdout and stderr lines (pids and addresses normalised).</summary>
    public static void AssertSameOutput(RunResult expected, RunResult actual)
    {
        var context = $"\n=== expected\n{expected}\n=== actual\n{actual}";
        Assert.True(expected.ExitCode == actual.ExitCode, $"exit codes differ{context}");
        Assert.True(Output.Multiset(expected.StandardOutput).SequenceEqual(Output.Multiset(actual.StandardOutput)), $"stdout differs{context}");
        Assert.True(Output.Multiset(expected.StandardError).SequenceEqual(Output.Multiset(actual.StandardError)), $"stderr differs{context}");
    }
}
