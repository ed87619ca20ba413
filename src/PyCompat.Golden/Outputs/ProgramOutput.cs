namespace PyCompat.Golden.Outputs;

/// <summary>What one run printed, each stream kept apart, and how it ended.</summary>
/// <param name="ExitCode">The exit code as the runner saw it (a shell's 128+N for a signal).</param>
/// <param name="Stdout">Everything written to fd 1, by the program and by its children.</param>
/// <param name="Stderr">Everything written to fd 2.</param>
internal sealed record ProgramOutput(int ExitCode, string Stdout, string Stderr);
