using System.Text.RegularExpressions;

namespace PyCompat.Golden.Policies;

/// <summary>
/// A named rewrite of what legitimately varies from run to run (a pid, an address), applied to each line of both
/// sides before they are compared; anything it does not match is compared verbatim.
/// </summary>
/// <param name="Name">The name the policy file uses, e.g. <c>pid</c>.</param>
/// <param name="Description">What it rewrites, for a reader of the policy file or the report.</param>
/// <param name="Pattern">What it matches.</param>
/// <param name="Replacement">What a match becomes; the result never matches <paramref name="Pattern"/> again.</param>
public sealed record Normaliser(string Name, string Description, Regex Pattern, string Replacement)
{
    /// <summary>A number after the word pid, ppid or parent (<c>pid=4242</c>, <c>pid: 4242</c>) becomes <c>&lt;pid&gt;</c>.</summary>
    public static Normaliser Pid { get; } = new("pid",
        "a number after the word pid, ppid or parent (pid=4242, pid: 4242, parent=17) -> <pid>",
        new Regex(@"(?<=\b(?:pid|ppid|parent)\b\s{0,2}[=:]?\s{0,2})\d+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        "<pid>");

    /// <summary>A hexadecimal address (<c>0x7f3a5c2e1d90</c>) becomes <c>0x&lt;address&gt;</c>.</summary>
    public static Normaliser Address { get; } = new("address",
        "a hexadecimal address (0x7f3a5c2e1d90) -> 0x<address>",
        new Regex(@"\b0x[0-9a-fA-F]+\b", RegexOptions.CultureInvariant),
        "0x<address>");

    /// <summary>
    /// A pool worker's name, which depends on the start method (<c>ForkPoolWorker-3</c>, <c>SpawnPoolWorker-3</c>,
    /// <c>ForkServerPoolWorker-3</c>), becomes <c>PoolWorker-3</c>.
    /// </summary>
    public static Normaliser PoolWorker { get; } = new("pool-worker",
        "a pool worker's name, which depends on the start method (ForkPoolWorker-3, SpawnPoolWorker-3, ForkServerPoolWorker-3) -> PoolWorker-3",
        new Regex(@"\b(?:Fork|Spawn|ForkServer)PoolWorker-(?=\d)", RegexOptions.CultureInvariant),
        "PoolWorker-");

    /// <summary>Every normaliser a policy can name, in the order they are applied.</summary>
    public static IReadOnlyList<Normaliser> All { get; } = [Pid, Address, PoolWorker];

    /// <summary>The normaliser called <paramref name="name"/>, or null.</summary>
    public static Normaliser? Find(string name) => All.FirstOrDefault(n => n.Name == name);

    /// <summary>Rewrites one line.</summary>
    public string Apply(string line) => Pattern.Replace(line, Replacement);
}
