namespace PyCompat.Golden.Modes;

/// <summary>Whether a mode can run an example; a mode that cannot is reported as such, never as a pass.</summary>
/// <param name="CanRun">True when the mode's command exists for the example.</param>
/// <param name="Label">What the report shows when it cannot: <c>n/a</c>, or <c>no port</c>.</param>
/// <param name="Reason">Why it cannot, e.g. "pycompat run has no --map option yet".</param>
internal sealed record Availability(bool CanRun, string Label, string? Reason)
{
    /// <summary>The mode can run the example.</summary>
    public static Availability Available { get; } = new(true, "", null);

    /// <summary>The mode does not apply (its command does not exist yet, or has nothing to run).</summary>
    public static Availability NotApplicable(string reason) => new(false, "n/a", reason);

    /// <summary>The example has no C# port.</summary>
    public static Availability NoPort(string reason) => new(false, "no port", reason);
}
