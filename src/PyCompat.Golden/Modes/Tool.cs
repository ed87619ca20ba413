namespace PyCompat.Golden.Modes;

/// <summary>The program a mode starts.</summary>
internal enum Tool
{
    /// <summary>The CPython interpreter (<c>python3</c>, resolved once to its real path).</summary>
    Python,

    /// <summary>The <c>pycompat</c> program itself.</summary>
    Pycompat,
}
