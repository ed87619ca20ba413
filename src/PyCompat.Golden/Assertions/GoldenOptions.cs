namespace PyCompat.Golden.Assertions;

/// <summary>How <see cref="GoldenAssert"/> compares a port with CPython. Every property has a default.</summary>
public sealed record GoldenOptions
{
    /// <summary>The environment variable that, set to <c>1</c>, makes every <see cref="GoldenReference.RecordedGolden"/> assertion record its golden again.</summary>
    public const string UpdateVariable = "PYCOMPAT_UPDATE_GOLDENS";

    /// <summary>
    /// The comparison policy in <c>policies.txt</c>'s words, one key a line, e.g. <c>"order = multiset\nnormalise = pid"</c>
    /// (docs/golden.md lists the keys, normalisers and line rules). Null: the script's <c>[NAME]</c> section of
    /// <c>golden/policies.txt</c> beside it when there is one, else <c>order = exact, normalise = none</c>.
    /// </summary>
    public string? Policy { get; init; }

    /// <summary>What the port is compared with; CPython run during the test by default.</summary>
    public GoldenReference Reference { get; init; } = GoldenReference.RunCPython;

    /// <summary>
    /// With <see cref="GoldenReference.RecordedGolden"/>: record the golden from CPython first (writing it only when its
    /// content changed), then compare. Default: true when <see cref="UpdateVariable"/> is <c>1</c>.
    /// </summary>
    public bool Update { get; init; } = Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The CPython that runs the script: a name on PATH or a path.</summary>
    public string Python { get; init; } = "python3";

    /// <summary>
    /// True to pass only when the port's processes ran in .NET children (<c>pycompat-worker</c>), as <c>pycompat
    /// check</c>'s port mode does; false (the default) compares the output alone.
    /// </summary>
    public bool RequireDotnetChildren { get; init; }

    /// <summary>How long each run may take before it is killed and the assertion fails.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}
