namespace PyCompat.Golden.Policies.Rules;

/// <summary>
/// <c>computed = TEMPLATE; COUNT</c>: a line that matches TEMPLATE holds, where it has <c>{n}</c>, a number that the
/// machine decides (<c>Creating {n} consumers; 2*cpus</c>). A line whose number COUNT allows becomes
/// <c>TEMPLATE with n = COUNT</c>; another number is left as it is.
/// </summary>
internal sealed record ComputedRule(string Template, CountExpression Count) : LineRule
{
    /// <inheritdoc />
    public override string Key => "computed";

    /// <inheritdoc />
    public override string Describe() => $"computed = {Template}; {Count.Text}";

    /// <inheritdoc />
    public override IReadOnlyList<string> Apply(IReadOnlyList<string> lines, int cpus) =>
        [.. lines.Select(line => NumberIn(line, Template) is { } n && Count.Allows(n, cpus) ? $"{Template} with n = {Count.Text}" : line)];

    internal static ComputedRule Parse(string value)
    {
        var (template, count) = TemplateAndCount("computed", value);
        return new ComputedRule(template, count);
    }
}
