using PyCompat.Golden.Policies.Rules;

namespace PyCompat.Golden.Policies;

/// <summary>What <c>pycompat check</c> compares for one example, as declared in the policy file.</summary>
/// <param name="Example">The script's name without <c>.py</c>.</param>
/// <param name="Order">How the lines of stdout and stderr are compared.</param>
/// <param name="Normalisers">What is rewritten on both sides before comparing; empty means verbatim.</param>
/// <param name="Runs">False for a module the other scripts import, which is not run and has no golden.</param>
/// <param name="Note">The comment beside the section's first line, if any: why the policy is what it is.</param>
internal sealed record ExamplePolicy(string Example, LineOrder Order, IReadOnlyList<Normaliser> Normalisers, bool Runs, string? Note)
{
    /// <summary>Rules over a stream's lines, applied after the normalisers (<c>either</c>, <c>numbered</c>...).</summary>
    public IReadOnlyList<LineRule> Rules { get; init; } = [];

    /// <summary>
    /// The <c>os.cpu_count()</c> of the machine whose output is rendered, for rules whose counts depend on it;
    /// 0 when unknown (such a rule then leaves the lines as they are).
    /// </summary>
    public int Cpus { get; init; }

    /// <summary>The policy in the policy file's own words, e.g. <c>order = multiset, normalise = none</c>.</summary>
    public string Describe() => Runs
        ? $"order = {Order.ToString().ToLowerInvariant()}, normalise = {(Normalisers.Count == 0 ? "none" : string.Join(", ", Normalisers.Select(n => n.Name)))}"
          + string.Concat(Rules.Select(r => ", " + r.Describe()))
        : "run = no";

    /// <summary>Applies the normalisers, in order, to one line.</summary>
    public string Normalise(string line) => Normalisers.Aggregate(line, (text, n) => n.Apply(text));

    /// <summary>The normalised lines of one stream with the rules applied, in the stream's order.</summary>
    public IReadOnlyList<string> Canonical(IEnumerable<string> lines) =>
        Rules.Aggregate((IReadOnlyList<string>)[.. lines.Select(Normalise)], (current, rule) => rule.Apply(current, Cpus));
}
