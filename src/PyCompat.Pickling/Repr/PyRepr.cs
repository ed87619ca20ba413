namespace PyCompat.Pickling;

/// <summary>Python's <c>repr()</c> and <c>str()</c> of values in the .NET value table.</summary>
/// <remarks>
/// Containers print their items with repr, a container that contains itself prints <c>[...]</c> / <c>{...}</c>
/// as Python does, and sets print in their enumeration order (decoded sets keep the order the pickle had, which
/// is the order Python printed). Values Python itself prints with an address (<see cref="PyObject"/>,
/// <see cref="PyGlobal"/>) print without one: <c>&lt;module.Class object&gt;</c>, <c>&lt;global module.name&gt;</c>.
/// </remarks>
public static class PyRepr
{
    /// <summary>What Python's <c>repr(value)</c> prints for the equal Python value.</summary>
    public static string Repr(object? value) => new ReprWriter().Write(value).ToString();

    /// <summary>
    /// <see cref="Repr(object?)"/>, cut off after about <paramref name="maxLength"/> characters with <c>...</c>: for
    /// printing values from untrusted pickles, whose shared references can make the full repr exponentially long.
    /// </summary>
    public static string Repr(object? value, int maxLength)
    {
        var writer = new ReprWriter(maxLength);
        try
        {
            return writer.Write(value).ToString();
        }
        catch (ReprWriter.TooLong)
        {
            return writer.ToString()[..maxLength] + "...";
        }
    }

    /// <summary>What Python's <c>str(value)</c> (and so <c>print(value)</c>) prints for the equal Python value.</summary>
    public static string Str(object? value) => value switch
    {
        string s => s,
        decimal m => DecimalText.ToPython(m),
        PyDecimal d => d.Text,
        DateOnly or TimeOnly or DateTime or DateTimeOffset or TimeSpan => TemporalText.Str(value),
        _ => Repr(value),
    };
}
