using PyCompat.Golden.Modes;
using PyCompat.Golden.Outputs;

namespace PyCompat.Golden.Checking;

/// <summary>One example run in one mode and compared with its reference.</summary>
/// <param name="Example">The script's name.</param>
/// <param name="Mode">The mode.</param>
/// <param name="Status">The verdict.</param>
/// <param name="Label">What a table cell says: <c>pass</c>, <c>FAIL</c>, <c>n/a</c> or <c>no port</c>.</param>
/// <param name="Reason">Why it failed or could not run; null for a pass.</param>
/// <param name="Command">The command that ran (or would have run), as shown to a reader.</param>
/// <param name="Elapsed">How long the run took; zero when nothing ran.</param>
/// <param name="Diff">A unified diff from the reference to the output; empty unless the output differs.</param>
/// <param name="Output">What the run printed, or null when nothing ran.</param>
internal sealed record CellResult(string Example, Mode Mode, CellStatus Status, string Label, string? Reason, string Command,
    TimeSpan Elapsed, string Diff, ProgramOutput? Output)
{
    /// <summary>True only for a real pass: a mode that could not run is not one.</summary>
    public bool Passed => Status == CellStatus.Passed;
}
