namespace PyCompat.Golden.Policies.Rules;

/// <summary>
/// <c>either = LINE | LINE</c>: a race decides which of these lines is printed (a reader that runs before or after
/// the writer); each becomes the first. Any other line, a third wording included, is compared as it is.
/// </summary>
internal sealed record EitherRule(IReadOnlyList<string> Alternatives) : LineRule
{
    /// <inheritdoc />
    public override string Key => "either";

    /// <inheritdoc />
    public override string Describe() => $"either = {string.Join(" | ", Alternatives)}";

    /// <inheritdoc />
    public override IReadOnlyList<string> Apply(IReadOnlyList<string> lines, int cpus) =>
        [.. lines.Select(line => Alternatives.Contains(line, StringComparer.Ordinal) ? Alternatives[0] : line)];

    internal static EitherRule Parse(string value)
    {
        var alternatives = value.Split('|', StringSplitOptions.TrimEntries);
        if (alternatives.Length < 2 || alternatives.Any(a => a.Length == 0))
            throw new FormatException("either lists two or more whole lines separated by ' | '");
        return new EitherRule(alternatives);
    }
}
