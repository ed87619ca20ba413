using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace PyCompat.Pickling;

/// <summary>Python's <c>str(Decimal)</c> for System.Decimal, and the way back (exact, or a <see cref="PyDecimal"/>).</summary>
internal static partial class DecimalText
{
    /// <summary>Python's to-scientific-string of the same digits and exponent (so <c>0.0000001m</c> gives <c>1E-7</c>).</summary>
    public static string ToPython(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var negative = bits[3] < 0;
        var scale = (bits[3] >> 16) & 0xff;
        var coefficient = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        return Format(negative ? "-" : "", coefficient.ToString(CultureInfo.InvariantCulture), -scale);
    }

    /// <summary>
    /// The decimal <paramref name="text"/> (as Python's str gives it): System.Decimal if that prints back identically.
    /// Text that <c>decimal.Decimal(text)</c> refuses (it raises InvalidOperation) is refused the same way; the
    /// spellings it accepts beyond str's (surrounding spaces, <c>1_000</c>) are kept in the form str gives them.
    /// </summary>
    public static object FromPython(string text)
    {
        var trimmed = text.Trim();
        if (!Syntax().IsMatch(trimmed))
            throw new UnpicklingError($"invalid literal for decimal.Decimal: '{(text.Length <= 40 ? text : text[..40] + "...")}' "
                + "(CPython raises decimal.InvalidOperation: [<class 'decimal.ConversionSyntax'>])");
        if (trimmed.Length != text.Length || trimmed.Contains('_')) text = trimmed.Replace("_", "");
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && ToPython(value) == text
            ? value
            : new PyDecimal(text);
    }

    /// <summary>The syntax of decimal.Decimal(str) (Python's decimal module documentation), in ASCII digits.</summary>
    [GeneratedRegex(@"^[+-]?(?:(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:e[+-]?[0-9](?:_?[0-9])*)?|inf(?:inity)?|s?nan(?:[0-9](?:_?[0-9])*)?)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();

    /// <summary>The algorithm of _pydecimal's <c>Decimal.__str__</c> (eng=False).</summary>
    private static string Format(string sign, string digits, int exponent)
    {
        var leftDigits = exponent + digits.Length;
        var dotPlace = exponent <= 0 && leftDigits > -6 ? leftDigits : 1;
        string intPart, fracPart;
        if (dotPlace <= 0)
        {
            intPart = "0";
            fracPart = "." + new string('0', -dotPlace) + digits;
        }
        else if (dotPlace >= digits.Length)
        {
            intPart = digits + new string('0', dotPlace - digits.Length);
            fracPart = "";
        }
        else
        {
            intPart = digits[..dotPlace];
            fracPart = "." + digits[dotPlace..];
        }
        var exp = leftDigits == dotPlace ? "" : "E" + (leftDigits - dotPlace).ToString("+0;-0", CultureInfo.InvariantCulture);
        return sign + intPart + fracPart + exp;
    }
}
