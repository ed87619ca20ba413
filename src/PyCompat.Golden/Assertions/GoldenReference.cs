namespace PyCompat.Golden.Assertions;

/// <summary>What a port's output is compared with.</summary>
public enum GoldenReference
{
    /// <summary>CPython runs the script during the test, every time: no file to keep, but the test needs <c>python3</c>.</summary>
    RunCPython,

    /// <summary>
    /// The golden CPython recorded, <c>golden/NAME.txt</c> beside the script (the file <c>pycompat check --update</c>
    /// writes); <see cref="GoldenOptions.Update"/> records it again first.
    /// </summary>
    RecordedGolden,
}
