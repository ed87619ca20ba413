namespace PyCompat.Golden.Checking;

/// <summary>The verdict for one example in one mode.</summary>
internal enum CellStatus
{
    /// <summary>The output matches the reference under the example's policy.</summary>
    Passed,

    /// <summary>The output differs, the run timed out or could not start, or there is no golden to compare with.</summary>
    Failed,

    /// <summary>The mode cannot run this example (no port, or its command does not exist yet): neither a pass nor a failure.</summary>
    NotApplicable,
}
