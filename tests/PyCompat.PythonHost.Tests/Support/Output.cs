using System.Text.RegularExpressions;

namespace PyCompat.PythonHost.Tests.Support;

/// <summary>
/// Turns output into what may be compared: lines with pids and addresses normalised, as a sorted multiset, since
/// racing processes print in a different order on every run, even under python3 (PITFALLS 11).
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
