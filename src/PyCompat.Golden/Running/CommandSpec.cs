namespace PyCompat.Golden.Running;

/// <summary>A program and its arguments, ready to start.</summary>
/// <param name="Executable">The program: a path, or a name looked up on PATH.</param>
/// <param name="Arguments">Its arguments, each passed as is (no shell parsing).</param>
/// <param name="Display">How reports show the command, e.g. <c>python3 multiprocessing_simple.py</c>.</param>
public sealed record CommandSpec(string Executable, IReadOnlyList<string> Arguments, string Display)
{
    /// <summary>The same program with <paramref name="more"/> appended to its arguments and to its display.</summary>
    public CommandSpec Append(params string[] more) =>
        new(Executable, [.. Arguments, .. more], string.Join(' ', [Display, .. more]));
}
