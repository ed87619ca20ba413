namespace PyCompat.Pickling;

/// <summary>
/// A Python <c>decimal.Decimal</c> that System.Decimal cannot hold exactly (more than 28-29 digits, a positive
/// exponent such as <c>1E+2</c>, <c>-0</c>, <c>NaN</c>, <c>Infinity</c>), kept as Python's own text for it.
/// Decimals that fit exactly decode to System.Decimal instead.
/// </summary>
/// <param name="Text">What Python's <c>str()</c> prints for the value, e.g. <c>1E+2</c> or <c>-Infinity</c>.</param>
public sealed record PyDecimal(string Text)
{
    /// <inheritdoc />
    public override string ToString() => Text;
}
