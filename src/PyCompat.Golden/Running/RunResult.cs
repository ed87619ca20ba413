using PyCompat.Golden.Outputs;

namespace PyCompat.Golden.Running;

/// <summary>One finished run.</summary>
/// <param name="Output">What it printed and how it ended.</param>
/// <param name="Elapsed">Wall-clock time from start to exit.</param>
/// <param name="TimedOut">True when it was killed for running past the timeout; its output is what it printed until then.</param>
internal sealed record RunResult(ProgramOutput Output, TimeSpan Elapsed, bool TimedOut);
