namespace PyCompat.Golden.Policies.Rules;

/// <summary>
/// A named rule over the lines of one stream, for races that a rewrite of single lines cannot absorb (which of two
/// lines is printed, how many workers a pool starts, how often a polling loop prints). Rules run after the
/// normalisers, on both sides. A stream that keeps the rule's invariant becomes canonical lines that quote the rule;
/// one that breaks it is left as it is, so it differs.
/// </summary>
internal abstract record LineRule
{
    /// <summary>The rule's key in the policy file, e.g. <c>numbered</c>.</summary>
    public abstract string Key { get; }

    /// <summary>The rule as the policy file writes it, e.g. <c>numbered = Starting PoolWorker-{n}; 2*cpus</c>.</summary>
    public abstract string Describe();

    /// <summary>The canonical lines of <paramref name="lines"/>, on a machine with <paramref name="cpus"/> CPUs.</summary>
    public abstract IReadOnlyList<string> Apply(IReadOnlyList<string> lines, int cpus);

    /// <summary>Every key a rule can have, with what it means, for the policy file's errors.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["either", "numbered", "computed", "repeats", "maybe"];

    /// <summary>Parses the rule <paramref name="key"/> = <paramref name="value"/>.</summary>
    /// <exception cref="FormatException">the value is malformed; the message says what the rule takes.</exception>
    public static LineRule Parse(string key, string value) => key switch
    {
        "either" => EitherRule.Parse(value),
        "numbered" => NumberedRule.Parse(value),
        "computed" => ComputedRule.Parse(value),
        "repeats" => RepeatsRule.Parse(value),
        "maybe" => MaybeRule.Parse(value),
        _ => throw new FormatException($"no rule '{key}'; the rules are {string.Join(", ", Keys)}"),
    };

    /// <summary>Splits <c>TEMPLATE; COUNT</c>, where TEMPLATE holds <c>{n}</c> once.</summary>
    private protected static (string Template, CountExpression Count) TemplateAndCount(string key, string value)
    {
        var semicolon = value.LastIndexOf(';');
        if (semicolon < 0)
            throw new FormatException($"{key} is 'TEMPLATE; COUNT', e.g. 'Starting PoolWorker-{{n}}; 2*cpus'");
        var template = value[..semicolon].Trim();
        if (template.Split("{n}").Length != 2)
            throw new FormatException($"{key}: the template '{template}' must hold {{n}} exactly once, where the number goes");
        return (template, CountExpression.Parse(value[(semicolon + 1)..]));
    }

    /// <summary>The number in <paramref name="line"/> where <paramref name="template"/> has <c>{n}</c>, or null.</summary>
    private protected static int? NumberIn(string line, string template)
    {
        var at = template.IndexOf("{n}", StringComparison.Ordinal);
        var (before, after) = (template[..at], template[(at + 3)..]);
        if (line.Length <= before.Length + after.Length || !line.StartsWith(before, StringComparison.Ordinal) || !line.EndsWith(after, StringComparison.Ordinal))
            return null;
        var digits = line[before.Length..^after.Length];
        return digits.Length is > 0 and < 10 && digits.All(char.IsAsciiDigit) ? int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
