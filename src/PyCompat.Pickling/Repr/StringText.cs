using System.Globalization;
using System.Text;

namespace PyCompat.Pickling;

/// <summary>CPython's repr of str and bytes: the quote choice and the escapes (unicode_repr, bytes_repr).</summary>
internal static class StringText
{
    public static string Repr(string s)
    {
        // Python uses ' unless the text has ' and no ", and then escapes only the chosen quote.
        var quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder(s.Length + 2).Append(quote);
        foreach (var rune in EnumerateRunes(s))
        {
            var cp = rune;
            switch (cp)
            {
                case '\\': sb.Append(@"\\"); continue;
                case '\t': sb.Append(@"\t"); continue;
                case '\n': sb.Append(@"\n"); continue;
                case '\r': sb.Append(@"\r"); continue;
            }
            if (cp == quote) sb.Append('\\').Append(quote);
            else if (cp < 0x20 || cp == 0x7f) sb.Append(@"\x").Append(cp.ToString("x2", CultureInfo.InvariantCulture));
            else if (cp < 0x7f) sb.Append((char)cp);
            else if (IsPrintable(cp)) sb.Append(char.ConvertFromUtf32(cp));
            else if (cp <= 0xff) sb.Append(@"\x").Append(cp.ToString("x2", CultureInfo.InvariantCulture));
            else if (cp <= 0xffff) sb.Append(@"\u").Append(cp.ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(@"\U").Append(cp.ToString("x8", CultureInfo.InvariantCulture));
        }
        return sb.Append(quote).ToString();
    }

    public static string BytesRepr(byte[] bytes)
    {
        var quote = bytes.Contains((byte)'\'') && !bytes.Contains((byte)'"') ? '"' : '\'';
        var sb = new StringBuilder(bytes.Length + 3).Append('b').Append(quote);
        foreach (var b in bytes)
        {
            switch (b)
            {
                case (byte)'\\': sb.Append(@"\\"); break;
                case (byte)'\t': sb.Append(@"\t"); break;
                case (byte)'\n': sb.Append(@"\n"); break;
                case (byte)'\r': sb.Append(@"\r"); break;
                default:
                    if (b == quote) sb.Append('\\').Append(quote);
                    else if (b is < 0x20 or >= 0x7f) sb.Append(@"\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append((char)b);
                    break;
            }
        }
        return sb.Append(quote).ToString();
    }

    /// <summary>Code points; a lone surrogate (which Python can hold too) is kept as its own code point.</summary>
    private static IEnumerable<int> EnumerateRunes(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                yield return char.ConvertToUtf32(s[i], s[i + 1]);
                i++;
            }
            else
            {
                yield return s[i];
            }
        }
    }

    /// <summary>Python's str.isprintable for one code point: not in Cc, Cf, Cs, Co, Cn, Zl, Zp, nor a Zs other than space.</summary>
    private static bool IsPrintable(int cp)
    {
        if (cp is >= 0xd800 and <= 0xdfff) return false;
        var category = CharUnicodeInfo.GetUnicodeCategory(cp);
        return category switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            UnicodeCategory.SpaceSeparator => cp == ' ',
            _ => true,
        };
    }
}
