namespace PyCompat.Golden.Outputs;

/// <summary>Which parts of a <see cref="ProgramOutput"/> a comparison looks at.</summary>
[Flags]
internal enum Streams
{
    /// <summary>The exit code.</summary>
    ExitCode = 1,

    /// <summary>Standard output.</summary>
    Stdout = 2,

    /// <summary>Standard error.</summary>
    Stderr = 4,

    /// <summary>All three: what a golden holds.</summary>
    All = ExitCode | Stdout | Stderr,
}
