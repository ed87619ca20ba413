namespace PyCompat.Golden.Policies.Rules;

/// <summary>
/// <c>numbered = TEMPLATE; COUNT</c>: the lines that match TEMPLATE (a number where it has <c>{n}</c>) are numbered
/// 1..K, each once, with K allowed by COUNT (<c>2*cpus</c>; <c>max(5, 2*cpus)..2*cpus+5</c> where a pool with
/// <c>maxtasksperchild</c> starts as many workers as the race asks). Such lines become one canonical line; if a number
/// is missing, repeated or K is out of range, they are left as they are.
/// </summary>
internal sealed record NumberedRule(string Template, CountExpression Count) : LineRule
{
    /// <inheritdoc />
    public override string Key => "numbered";

    /// <inheritdoc />
    public override string Describe() => $"numbered = {Template}; {Count.Text}";

    /// <summary>The line that stands for all of them when they keep the rule.</summary>
    public string Canonical => $"{Template} for n = 1..K, K = {Count.Text}";

    /// <inheritdoc />
    public override IReadOnlyList<string> Apply(IReadOnlyList<string> lines, int cpus)
    {
        var numbers = lines.Select(line => NumberIn(line, Template)).ToList();
        var found = numbers.OfType<int>().Order().ToList();
        if (found.Count == 0 || !found.SequenceEqual(Enumerable.Range(1, found.Count)) || !Count.Allows(found.Count, cpus))
            return lines;
        var first = numbers.FindIndex(n => n is not null);
        return [.. lines.Where((_, i) => numbers[i] is null || i == first).Select((line, i) => NumberIn(line, Template) is null ? line : Canonical)];
    }

    internal static NumberedRule Parse(string value)
    {
        var (template, count) = TemplateAndCount("numbered", value);
        return new NumberedRule(template, count);
    }
}
