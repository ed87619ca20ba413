using System.Globalization;
using System.Text;

namespace PyCompat.Pickling.Text;

/// <summary>
/// Python's <c>raw-unicode-escape</c> codec, which protocol 0's UNICODE opcode uses: bytes are Latin-1, except that
/// <c>\uXXXX</c> and <c>\UXXXXXXXX</c> after an odd number of backslashes are code points (a lone surrogate too).
/// </summary>
internal static class RawUnicodeEscape
{
    /// <summary>CPython's <c>str(data, 'raw-unicode-escape')</c>.</summary>
    /// <exception cref="UnpicklingError">a truncated or out-of-range escape, with CPython's wording.</exception>
    public static string Decode(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder(data.Length);
        var at = 0;
        while (at < data.Length)
        {
            if (data[at] != '\\')
            {
                text.Append((char)data[at++]);
                continue;
            }
            // A run of backslashes: all but the last are literal when the run is odd and a 'u' or 'U' follows.
            var run = 1;
            while (at + run < data.Length && data[at + run] == '\\') run++;
            var escapes = run % 2 == 1 && at + run < data.Length && data[at + run] is (byte)'u' or (byte)'U';
            text.Append('\\', escapes ? run - 1 : run);
            at += run;
            if (!escapes) continue;
            var start = at - 1;
            var digits = data[at] == 'u' ? 4 : 8;
            at++;
            var hex = data.Slice(at, Math.Min(digits, data.Length - at));
            var valid = 0;
            while (valid < hex.Length && char.IsAsciiHexDigit((char)hex[valid])) valid++;
            if (valid < digits)
                throw new UnpicklingError($"'rawunicodeescape' codec can't decode bytes in position {start}-{at + valid - 1}: "
                    + $"truncated \\{(digits == 4 ? "uXXXX" : "UXXXXXXXX")} escape");
            var cp = uint.Parse(Encoding.ASCII.GetString(hex), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            if (cp > 0x10FFFF)
                throw new UnpicklingError($"'rawunicodeescape' codec can't decode bytes in position {start}-{at + digits - 1}: "
                    + "\\Uxxxxxxxx out of range");
            if (cp is >= 0xD800 and <= 0xDFFF) text.Append((char)cp);
            else text.Append(char.ConvertFromUtf32((int)cp));
            at += digits;
        }
        return text.ToString();
    }
}
