namespace PyCompat.Golden.Assertions;

/// <summary>
/// Thrown by <see cref="GoldenAssert"/> when the port prints something else than CPython, or either could not run.
/// Any test framework reports it as a failure; its message ends with the unified diff.
/// </summary>
public sealed class GoldenMismatchException : Exception
{
    /// <summary>A failure with <paramref name="message"/> and, when the outputs differ, their <paramref name="diff"/>.</summary>
    public GoldenMismatchException(string message, string diff = "")
        : base(diff.Length == 0 ? message : message + "\n" + diff) => Diff = diff;

    /// <summary>The unified diff from CPython's output (<c>-</c>) to the port's (<c>+</c>); empty when there is none.</summary>
    public string Diff { get; }
}
