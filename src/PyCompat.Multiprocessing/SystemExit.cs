namespace PyCompat.Multiprocessing;

/// <summary>
/// Python's <c>sys.exit(code)</c> for a C# target: ends the child with <paramref name="code"/> as its exit code
/// (0 for null; for a string, the string on stderr and exit code 1), as CPython's <c>BaseProcess._bootstrap</c> does.
/// <c>Environment.Exit(n)</c> works too.
/// </summary>
public sealed class SystemExit(object? code = null) : Exception(code?.ToString() ?? "")
{
    /// <summary>The exit code or message.</summary>
    public object? Code { get; } = code;
}
