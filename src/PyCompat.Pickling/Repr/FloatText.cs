using System.Globalization;
using System.Numerics;
using System.Text;

namespace PyCompat.Pickling;

/// <summary>CPython's float repr (shortest round-trip digits, 'r' format) and complex repr.</summary>
internal static class FloatText
{
    public static string Repr(double d) => Format(d, addDotZero: true);

    /// <summary>complex_repr: <c>1j</c> when the real part is +0.0, else <c>(re+imj)</c>; parts print without ".0".</summary>
    public static string ComplexRepr(Complex c)
    {
        var imag = Format(c.Imaginary, addDotZero: false) + "j";
        if (c.Real == 0 && !double.IsNegative(c.Real)) return imag;
        var sign = double.IsNegative(c.Imaginary) && !double.IsNaN(c.Imaginary) ? "" : "+";
        return "(" + Format(c.Real, addDotZero: false) + sign + imag + ")";
    }

    /// <summary>Python's float_repr_style 'short': exponent form when the decimal point falls before -4 or after 16.</summary>
    private static string Format(double d, bool addDotZero)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsPositiveInfinity(d)) return "inf";
        if (double.IsNegativeInfinity(d)) return "-inf";
        var sign = double.IsNegative(d) ? "-" : "";
        if (d == 0) return sign + (addDotZero ? "0.0" : "0");

        // "R" gives the shortest digits that round-trip (as Python's repr does); only the layout differs.
        var shortest = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var (digits, decimalPoint) = Digits(shortest);
        var sb = new StringBuilder(sign);
        if (decimalPoint > -4 && decimalPoint <= 16)
        {
            if (decimalPoint <= 0) sb.Append("0.").Append('0', -decimalPoint).Append(digits);
            else if (decimalPoint >= digits.Length)
            {
                sb.Append(digits).Append('0', decimalPoint - digits.Length);
                if (addDotZero) sb.Append(".0");
            }
            else sb.Append(digits, 0, decimalPoint).Append('.').Append(digits, decimalPoint, digits.Length - decimalPoint);
        }
        else
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            var exponent = decimalPoint - 1;
            sb.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>The significant digits of .NET's round-trip text, and where the decimal point goes (0.d1d2 x 10^point).</summary>
    private static (string Digits, int DecimalPoint) Digits(string text)
    {
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.');
        var intPart = dot >= 0 ? text[..dot] : text;
        var fracPart = dot >= 0 ? text[(dot + 1)..] : "";
        var all = intPart + fracPart;
        var point = intPart.Length + exponent;
        var leading = all.Length - all.TrimStart('0').Length;
        all = all.TrimStart('0');
        point -= leading;
        all = all.TrimEnd('0');
        return (all.Length == 0 ? "0" : all, point);
    }
}
