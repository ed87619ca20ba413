namespace PyCompat.PythonHost.Tests.Support;

/// <summary>What one run of a program printed and how it ended.</summary>
public sealed record RunResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams and the exit code, for assertion messages.</summary>
    public override string ToString() =>
        $"{Command}\nexit code {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}
