using System.Collections.Frozen;
using System.Collections.ObjectModel;

namespace PyCompat.Pickling;

/// <summary>
/// What <see cref="PyPickle.Loads(ReadOnlySpan{byte}, PickleLoadOptions)"/> and
/// <see cref="PyPickle.Load(Stream, PickleLoadOptions)"/> accept. Decoding never runs code: a pickle's classes and
/// functions only ever become data (<see cref="PyGlobal"/>, <see cref="PyObject"/>). The options bound what a
/// hostile pickle can make PyCompat do: how much it reads, how deep values nest, how long one container gets, and
/// which Python classes and callables may be rebuilt as <see cref="PyObject"/>s (the allow list, as CPython's
/// <c>Unpickler.find_class</c> restriction does). docs/security.md explains each default.
/// </summary>
public sealed record PickleLoadOptions
{
    /// <summary>The default <see cref="MaxInputLength"/>: 1 GiB.</summary>
    public const long DefaultMaxInputLength = 1L << 30;

    /// <summary>
    /// The default <see cref="MaxDepth"/>: 990 nested containers, a little below CPython's default recursion limit
    /// (1000), which stops CPython's own pickle at about that depth. It is also the depth
    /// <see cref="PyPickle.Dumps(object?, int)"/> writes: one limit both ways, so whatever decodes with the defaults pickles again
    /// (Razorvine's writer follows at most 1,000 levels, and a leaf value such as a datetime with its timezone takes
    /// up to 3 of them below the deepest container).
    /// </summary>
    public const int DefaultMaxDepth = 990;

    /// <summary>The default <see cref="MaxContainerLength"/>: 2^26 (67,108,864) items.</summary>
    public const int DefaultMaxContainerLength = 1 << 26;

    /// <summary>The default <see cref="MaxExpansion"/>: 0.75 values per input byte.</summary>
    public const double DefaultMaxExpansion = 0.75;

    /// <summary>Values any pickle may make beyond <see cref="MaxExpansion"/> times its length: 2^20 (1,048,576).</summary>
    public const long ExpansionAllowance = 1L << 20;

    /// <summary>
    /// The classes and callables the default options let a pickle rebuild as a <see cref="PyObject"/>: those
    /// CPython's spawn start method sends (the process object and its authkey).
    /// </summary>
    /// <remarks>A read-only view of a set nobody else holds, not a frozen set: every .NET child decodes its spawn request
    /// with these options first, and a frozen set loaded System.Collections.Immutable there (~6 ms of its start).</remarks>
    public static IReadOnlySet<PyGlobal> SpawnGlobals { get; } = new ReadOnlySet<PyGlobal>(new HashSet<PyGlobal>
    {
        new("multiprocessing.context", "SpawnProcess"),
        new("multiprocessing.context", "Process"),
        new("multiprocessing.context", "ForkServerProcess"),
        new("multiprocessing.process", "BaseProcess"),
        new("multiprocessing.process", "AuthenticationString"),
    });

    /// <summary>The defaults: safe for pickles from anyone; spawn's process objects decode.</summary>
    public static PickleLoadOptions Default { get; } = new();

    /// <summary>
    /// For pickles from a trusted writer: any class or callable may be rebuilt as a <see cref="PyObject"/> (still
    /// nothing runs, and Razorvine constructors outside the value table still need the allow list); the size limits
    /// stay those of <see cref="Default"/>.
    /// </summary>
    public static PickleLoadOptions Trusted { get; } = new() { AllowAnyGlobal = true };

    /// <summary>
    /// Largest pickle, in bytes, that is read; a longer one fails as soon as a length prefix or the data passes it.
    /// Every length prefix is also checked against the bytes actually there before anything is allocated for it.
    /// </summary>
    public long MaxInputLength { get; init; } = DefaultMaxInputLength;

    /// <summary>
    /// Deepest nesting of containers (tuple, list, dict, set, frozenset, object) in the decoded value: <c>[[1]]</c>
    /// has depth 2. Deeper values fail while the pickle is read, before any value is built. Raising it lets deeper
    /// pickles decode (on a thread whose stack fits the depth) and print with <see cref="PyRepr"/>, but
    /// <see cref="PyPickle.Dumps(object?, int)"/> still writes at most <see cref="DefaultMaxDepth"/> levels.
    /// </summary>
    public int MaxDepth { get; init; } = DefaultMaxDepth;

    /// <summary>
    /// Most values a pickle may make per byte of its length, beyond <see cref="ExpansionAllowance"/>: every value an
    /// opcode puts on the unpickler's stack counts (a scalar, a new container, and each DUP or memo GET of a value
    /// already made), checked while the pickle is read, before anything is built. Each such value costs the decode
    /// about 50 bytes of memory however small its opcode, so this bounds the memory a pickle can make PyCompat use by
    /// its length. CPython writes ints, strings and repeated references (BINGET) in two bytes or more, at most 0.5
    /// values a byte; only runs of one-byte values (None, True, False, empty containers, DUP) go beyond, so the
    /// default refuses a pickle of DUP opcodes past a megabyte, and lets a list of up to about 4 million Nones
    /// through. Raise it (to 1, the most any pickle can make) for pickles of longer runs.
    /// </summary>
    public double MaxExpansion { get; init; } = DefaultMaxExpansion;

    /// <summary>Most items in one list, tuple, dict (pairs), set or frozenset.</summary>
    public int MaxContainerLength { get; init; } = DefaultMaxContainerLength;

    /// <summary>
    /// The Python globals, beyond the value table, that a pickle may call (REDUCE, NEWOBJ, INST, OBJ,
    /// <c>copyreg._reconstructor</c>) to rebuild an instance as a <see cref="PyObject"/>, and the globals for which a
    /// constructor registered directly with Razorvine (which creates .NET objects) may be used. Nothing is ever
    /// called: allowing a global lets its <em>description</em> through. Defaults to <see cref="SpawnGlobals"/>.
    /// </summary>
    public IReadOnlySet<PyGlobal> AllowedGlobals { get; init; } = SpawnGlobals;

    /// <summary>
    /// True to let any class or callable be rebuilt as a <see cref="PyObject"/> (a trusted writer). Razorvine
    /// constructors outside the value table still need <see cref="AllowedGlobals"/>.
    /// </summary>
    public bool AllowAnyGlobal { get; init; }

    /// <summary>
    /// True (the default) to let any module-level global appear as a value, a <see cref="PyGlobal"/> reference (a
    /// process target, a class passed as an argument). A reference is data: PyCompat never imports or calls it.
    /// False to let only <see cref="AllowedGlobals"/> and the value table's own globals appear at all, as a strict
    /// <c>find_class</c> does.
    /// </summary>
    public bool AllowGlobalReferences { get; init; } = true;

    /// <summary>These options with <paramref name="globals"/> added to <see cref="AllowedGlobals"/>.</summary>
    public PickleLoadOptions Allow(params IEnumerable<PyGlobal> globals) =>
        this with { AllowedGlobals = AllowedGlobals.Concat(globals).ToFrozenSet() };

    /// <summary>Whether <paramref name="global"/> may be called to rebuild a <see cref="PyObject"/>.</summary>
    public bool MayConstruct(PyGlobal global) => AllowAnyGlobal || AllowedGlobals.Contains(global);

    internal void Validate()
    {
        if (MaxInputLength < 1) throw new ArgumentOutOfRangeException(nameof(MaxInputLength), "must be positive");
        if (MaxDepth < 1) throw new ArgumentOutOfRangeException(nameof(MaxDepth), "must be positive");
        if (!(MaxExpansion >= 0)) throw new ArgumentOutOfRangeException(nameof(MaxExpansion), "must not be negative");
        if (MaxContainerLength < 0) throw new ArgumentOutOfRangeException(nameof(MaxContainerLength), "must not be negative");
        ArgumentNullException.ThrowIfNull(AllowedGlobals);
    }
}
