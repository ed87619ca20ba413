namespace PyCompat.Golden.Policies.Rules;

/// <summary>
/// <c>maybe = LINE</c>: a process that is killed at exit (a pool's workers, terminated by the pool's finalizer)
/// loses what it printed but had not flushed, so this line is printed once or not at all; both become one
/// <c>LINE (printed at most once)</c>. Twice stays twice, so a duplicated line differs. (The book ran such scripts
/// with <c>python3 -u</c>; the check runs them as a user does.)
/// </summary>
internal sealed record MaybeRule(string Line) : LineRule
{
    /// <inheritdoc />
    public override string Key => "maybe";

    /// <inheritdoc />
    public override string Describe() => $"maybe = {Line}";

    /// <summary>The line that stands for it.</summary>
    public string Canonical => $"{Line} (printed at most once)";

    /// <inheritdoc />
    public override IReadOnlyList<string> Apply(IReadOnlyList<string> lines, int cpus)
    {
        var count = lines.Count(l => l == Line);
        if (count > 1 || lines.Contains(Canonical))
            return lines;
        return count == 1 ? [.. lines.Select(l => l == Line ? Canonical : l)] : [.. lines, Canonical];
    }

    internal static MaybeRule Parse(string value) => value.Trim().Length > 0
        ? new MaybeRule(value.Trim())
        : throw new FormatException("maybe names the whole line (after the normalisers) that a killed process may not have flushed");
}
