namespace PyCompat.Pickling;

/// <summary>Python's <c>repr()</c> and <c>str()</c> of values in the .NET value table.</summary>
public static class PyRepr
{
    /// <summary>What Python's <c>repr(value)</c> prints for the equal Python value.</summary>
    public static string Repr(object? value) => throw new NotImplementedException();

    /// <summary>What Python's <c>str(value)</c> (and so <c>print(value)</c>) prints for the equal Python value.</summary>
    public static string Str(object? value) => throw new NotImplementedException();
}
