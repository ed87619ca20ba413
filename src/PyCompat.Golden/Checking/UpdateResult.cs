namespace PyCompat.Golden.Checking;

/// <summary>What <c>--update</c> did to one example's golden.</summary>
/// <param name="Example">The script's name.</param>
/// <param name="Status">What happened.</param>
/// <param name="Path">The golden's path.</param>
/// <param name="Diff">A unified diff from the old golden to the new one; empty unless it changed or was created.</param>
/// <param name="Reason">Why it failed; null otherwise.</param>
internal sealed record UpdateResult(string Example, UpdateStatus Status, string Path, string Diff, string? Reason);
