namespace PyCompat.Golden.Policies;

/// <summary>The policy file says something <c>pycompat check</c> cannot read; the message names the file and line.</summary>
internal sealed class PolicyFormatException(string message) : Exception(message);
