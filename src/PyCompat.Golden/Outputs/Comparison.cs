namespace PyCompat.Golden.Outputs;

/// <summary>The verdict of comparing an output with its reference under a policy.</summary>
/// <param name="Matches">True when the canonical texts are equal.</param>
/// <param name="Expected">The reference's canonical text.</param>
/// <param name="Actual">The output's canonical text.</param>
/// <param name="Diff">A unified diff from expected to actual; empty when they match.</param>
internal sealed record Comparison(bool Matches, string Expected, string Actual, string Diff);
