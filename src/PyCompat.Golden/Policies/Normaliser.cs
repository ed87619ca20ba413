using System.Text.RegularExpressions;

namespace PyCompat.Golden.Policies;

/// <summary>
/// A named rewrite of what legitimately varies from run to run (a pid, an address, which worker took a task), applied
/// to each line of both sides before they are compared; anything it does not match is compared verbatim. Each is as
/// narrow as the variation it absorbs: a line that breaks the invariant it describes is left as it is, so it differs.
/// </summary>
/// <param name="Name">The name the policy file uses, e.g. <c>pid</c>.</param>
/// <param name="Description">What it rewrites, for a reader of the policy file or the report.</param>
/// <param name="Pattern">What it matches.</param>
/// <param name="Rewrite">What a match becomes; the result never changes when rewritten again.</param>
internal sealed record Normaliser(string Name, string Description, Regex Pattern, MatchEvaluator Rewrite)
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    /// <summary>A normaliser that replaces each match with the fixed <paramref name="replacement"/>.</summary>
    public static Normaliser Replace(string name, string description, string pattern, string replacement, RegexOptions options = Options) =>
        new(name, description, new Regex(pattern, options), _ => replacement);

    /// <summary>A number after the word pid, ppid or parent (<c>pid=4242</c>, <c>pid: 4242</c>) becomes <c>&lt;pid&gt;</c>.</summary>
    public static Normaliser Pid { get; } = Replace("pid",
        "a number after the word pid, ppid or parent (pid=4242, pid: 4242, parent=17) -> <pid>",
        @"(?<=\b(?:pid|ppid|parent)\b\s{0,2}[=:]?\s{0,2})\d+", "<pid>", Options | RegexOptions.IgnoreCase);

    /// <summary>A hexadecimal address (<c>0x7f3a5c2e1d90</c>) becomes <c>0x&lt;address&gt;</c>.</summary>
    public static Normaliser Address { get; } = Replace("address",
        "a hexadecimal address (0x7f3a5c2e1d90) -> 0x<address>", @"\b0x[0-9a-fA-F]+\b", "0x<address>");

    /// <summary>
    /// A pool worker's name, which depends on the start method (<c>ForkPoolWorker-3</c>, <c>SpawnPoolWorker-3</c>,
    /// <c>ForkServerPoolWorker-3</c>), becomes <c>PoolWorker-3</c>.
    /// </summary>
    public static Normaliser PoolWorker { get; } = Replace("pool-worker",
        "a pool worker's name, which depends on the start method (ForkPoolWorker-3, SpawnPoolWorker-3, ForkServerPoolWorker-3) -> PoolWorker-3",
        @"\b(?:Fork|Spawn|ForkServer)PoolWorker-(?=\d)", "PoolWorker-");

    /// <summary>
    /// The pid a process prints after its own name at the end of a <c>Starting:</c>/<c>Exiting :</c> line
    /// (<c>Starting: daemon 7082</c>) becomes <c>&lt;pid&gt;</c>.
    /// </summary>
    public static Normaliser NamePid { get; } = Replace("name-pid",
        "the pid at the end of a 'Starting:' or 'Exiting :' line, after the process's name (Starting: daemon 7082) -> <pid>",
        @"(?<=^(?:Starting|Exiting) ?: \S+ )\d+$", "<pid>");

    /// <summary>
    /// The folder of a file in a traceback's <c>File "..."</c> line, which depends on where Python and the checkout
    /// live, becomes <c>.../</c>; the file's name and the line number stay.
    /// </summary>
    public static Normaliser TracebackPath { get; } = Replace("traceback-path",
        "the folder of a traceback's File \"...\" (File \"/usr/lib/python3.11/multiprocessing/process.py\", line 314) -> File \".../process.py\", line 314",
        @"(?<=^\s*File "")(?:[^""]*/)?(?=[^""/]+"")", ".../");

    /// <summary>
    /// A traceback's frames: each <c>File "...", line N, in NAME</c> line and the source line indented under it becomes
    /// <c>&lt;frame&gt;</c>, so that with <c>repeats = &lt;frame&gt;</c> the frames compare as one line. A C# port's frames
    /// are C# frames, never Python's; the <c>Traceback</c> header, the <c>Process NAME:</c> line and the exception's
    /// type and message stay compared.
    /// </summary>
    public static Normaliser TracebackFrames { get; } = Replace("traceback-frames",
        "a traceback's frame lines (  File \".../x.py\", line 28, in raises) and the source lines indented under them -> <frame>; " +
        "the header, the Process line and the exception line stay",
        @"^(?:\s+File "".*"", line [^,]+, in \S.*|    \S.*)$", "<frame>");

    /// <summary>
    /// The items of a printed dict literal (<c>{1: 2, 0: 0}</c>), in the order concurrent workers inserted them,
    /// sorted; the keys and values stay.
    /// </summary>
    public static Normaliser DictOrder { get; } = new("dict-order",
        "the items of a printed dict filled by concurrent workers ({1: 2, 0: 0}) sorted ({0: 0, 1: 2}); keys and values stay",
        new Regex(@"\{[^{}]*\}", Options),
        m => "{" + string.Join(", ", m.Value[1..^1].Split(", ").Order(StringComparer.Ordinal)) + "}");

    /// <summary>Which pool worker ran a task is a race: the number in <c>ForkPoolWorker-3</c> becomes <c>&lt;n&gt;</c>.</summary>
    public static Normaliser PoolWorkerNumber { get; } = Replace("pool-worker-number",
        "which pool worker ran a task is a race: the name and number of a pool worker (ForkPoolWorker-3 reading x) -> PoolWorker-<n>",
        @"\b(?:Fork|Spawn|ForkServer)?PoolWorker-\d+\b", "PoolWorker-<n>");

    /// <summary>
    /// Which consumer takes a task is a race: the number of <c>Consumer-3</c> on a line that reports a task
    /// (<c>Consumer-3: 1 * 1</c>) becomes <c>&lt;n&gt;</c>.
    /// </summary>
    public static Normaliser ConsumerNumber { get; } = Replace("consumer-number",
        "which consumer takes which task is a race: Consumer-3 on a task's line (Consumer-3: 1 * 1) -> Consumer-<n>",
        @"^Consumer-\d+(?=: \d+ \* \d+$)", "Consumer-<n>");

    /// <summary>
    /// Which processes hold a <c>Semaphore(3)</c> when the list is printed is a race; what does not vary is that at
    /// most three distinct names are in it, and that a process that just became active is among them.
    /// </summary>
    public static Normaliser ActiveThree { get; } = new("active-3",
        "a list of the processes holding a Semaphore(3) (Activating 4 now running ['0', '4'], Now running ['5', '9', '7']): at most 3 " +
        "distinct names, including the one activating -> Activating 4 now running [4 and at most 2 others], Now running [at most 3]; any other list stays",
        new Regex(@"^(?:Activating (?<name>\S+) now running|Now running) \[(?<list>(?:'[^']*'(?:, '[^']*')*)?)\]$", Options),
        RewriteActive);

    /// <summary>Every normaliser a policy can name, in the order they are applied.</summary>
    public static IReadOnlyList<Normaliser> All { get; } =
        [Pid, Address, PoolWorker, NamePid, TracebackPath, TracebackFrames, DictOrder, PoolWorkerNumber, ConsumerNumber, ActiveThree];

    /// <summary>The normaliser called <paramref name="name"/>, or null.</summary>
    public static Normaliser? Find(string name) => All.FirstOrDefault(n => n.Name == name);

    /// <summary>Rewrites one line.</summary>
    public string Apply(string line) => Pattern.Replace(line, Rewrite);

    private static string RewriteActive(Match match)
    {
        var list = match.Groups["list"].Value;
        var names = list.Length == 0 ? [] : list.Split(", ").Select(quoted => quoted[1..^1]).ToList();
        if (names.Count > 3 || names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            return match.Value;
        if (!match.Groups["name"].Success)
            return "Now running [at most 3]";
        var name = match.Groups["name"].Value;
        return names.Contains(name, StringComparer.Ordinal) ? $"Activating {name} now running [{name} and at most 2 others]" : match.Value;
    }
}
