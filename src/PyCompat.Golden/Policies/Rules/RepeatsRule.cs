namespace PyCompat.Golden.Policies.Rules;

/// <summary>
/// <c>repeats = LINE</c>: how often a polling loop prints this line is a matter of timing; one or more times become
/// one <c>LINE (printed 1 or more times)</c>, at the first. Zero times stays zero, so a loop that never printed differs.
/// </summary>
internal sealed record RepeatsRule(string Line) : LineRule
{
    /// <inheritdoc />
    public override string Key => "repeats";

    /// <inheritdoc />
    public override string Describe() => $"repeats = {Line}";

    /// <inheritdoc />
    public override IReadOnlyList<string> Apply(IReadOnlyList<string> lines, int cpus)
    {
        var first = lines.ToList().IndexOf(Line);
        return first < 0 ? lines : [.. lines.Where((line, i) => line != Line || i == first).Select(line => line == Line ? $"{Line} (printed 1 or more times)" : line)];
    }

    internal static RepeatsRule Parse(string value) => value.Trim().Length > 0
        ? new RepeatsRule(value.Trim())
        : throw new FormatException("repeats names the whole line (after the normalisers) that may be printed any number of times");
}
