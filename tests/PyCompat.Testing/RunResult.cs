namespace PyCompat.Testing;

/// <summary>What one run of a program printed and how it ended.</summary>
public sealed record RunResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The pid of the process started (0 where no process was started).</summary>
    public int ProcessId { get; init; }

    /// <summary>stdout's lines, in order.</summary>
    public IReadOnlyList<string> Lines => StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>stdout's lines sorted: racing processes print in a different order on every run (docs/pitfalls.md, "Racing output has no order").</summary>
    public IReadOnlyList<string> LineMultiset => [.. Lines.Order(StringComparer.Ordinal)];

    /// <summary>Both streams and the exit code, for assertion messages.</summary>
    public override string ToString() =>
        $"{Command}\nexit code {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}
