namespace PyCompat.PythonHost.Running;

/// <summary>What <c>pycompat run</c> was asked to do. Later features add their options here.</summary>
/// <param name="Script">The script to run as <c>__main__</c>, as the user wrote it (it becomes <c>sys.argv[0]</c>).</param>
/// <param name="Arguments">The script's arguments, untouched (<c>sys.argv[1:]</c>).</param>
public sealed record RunOptions(string Script, IReadOnlyList<string> Arguments)
{
    /// <summary>An interpreter or libpython to use instead of the usual search (<c>--python</c>).</summary>
    public string? Python { get; init; }

    /// <summary>
    /// The default start method for the script's multiprocessing (<see cref="StartMethods"/>), or null for the
    /// interpreter's own default, as python3 would use. A script's own <c>set_start_method</c> still wins.
    /// </summary>
    public string? StartMethod { get; init; }

    /// <summary>
    /// How CPython is started in this process (<see cref="Engines"/>), or null for the default, <see cref="Engines.CApi"/>.
    /// With <see cref="Engines.Pythonnet"/> the script can <c>import clr</c>, and the default start method is forkserver.
    /// </summary>
    public string? Engine { get; init; }

    /// <summary>
    /// Mapped mode (<c>--map</c>), or null: processes whose target has a C# port run in the .NET worker host. Apply it
    /// with <see cref="Mapping.MappedMode.Apply"/>, which adds the hook that does it.
    /// </summary>
    public Mapping.MapOptions? Map { get; init; }

    /// <summary>Python modules run, in order, after the runner's set-up and before the script.</summary>
    public IReadOnlyList<PythonHook> Hooks { get; init; } = [];
}
