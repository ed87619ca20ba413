using System.Text;
using System.Text.Unicode;

namespace PyCompat.Pickling.Text;

/// <summary>
/// UTF-8 with Python's <c>surrogatepass</c> error handler, which is how CPython's pickle writes and reads str: a lone
/// surrogate code point (U+D800..U+DFFF, legal in a Python str and in a .NET string) is the three bytes UTF-8 would
/// give it, <c>ED A0..BF 80..BF</c>. Everything else must be strict UTF-8; what is not is refused with CPython's
/// UnicodeDecodeError wording.
/// </summary>
internal static class SurrogatePass
{
    /// <summary>Whether <paramref name="text"/> holds a surrogate that is not half of a well-formed pair.</summary>
    public static bool HasLoneSurrogate(string text)
    {
        var span = text.AsSpan();
        var at = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (at >= 0)
        {
            if (!char.IsHighSurrogate(span[at]) || at + 1 >= span.Length || !char.IsLowSurrogate(span[at + 1])) return true;
            at += 2;
            var next = span[at..].IndexOfAnyInRange('\uD800', '\uDFFF');
            at = next < 0 ? -1 : at + next;
        }
        return false;
    }

    /// <summary>CPython's <c>text.encode('utf-8', 'surrogatepass')</c>.</summary>
    public static byte[] Encode(string text)
    {
        if (!HasLoneSurrogate(text)) return Encoding.UTF8.GetBytes(text);
        var bytes = new List<byte>(text.Length * 3);
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var written = new Rune(c, text[++i]).EncodeToUtf8(buffer);
                bytes.AddRange(buffer[..written]);
            }
            else if (char.IsSurrogate(c))
            {
                bytes.Add((byte)(0xE0 | (c >> 12)));
                bytes.Add((byte)(0x80 | ((c >> 6) & 0x3F)));
                bytes.Add((byte)(0x80 | (c & 0x3F)));
            }
            else
            {
                var written = new Rune(c).EncodeToUtf8(buffer);
                bytes.AddRange(buffer[..written]);
            }
        }
        return bytes.ToArray();
    }

    /// <summary>CPython's <c>bytes.decode('utf-8', 'surrogatepass')</c>.</summary>
    /// <exception cref="UnpicklingError">the bytes are not UTF-8 even with surrogates allowed.</exception>
    public static string Decode(ReadOnlySpan<byte> utf8) => Decode(utf8, allowSurrogates: true);

    /// <summary>CPython's strict <c>bytes.decode('utf-8')</c> (GLOBAL and INST names).</summary>
    /// <exception cref="UnpicklingError">the bytes are not strict UTF-8.</exception>
    public static string DecodeStrict(ReadOnlySpan<byte> utf8) => Decode(utf8, allowSurrogates: false);

    private static string Decode(ReadOnlySpan<byte> utf8, bool allowSurrogates)
    {
        if (Utf8.IsValid(utf8)) return Encoding.UTF8.GetString(utf8);
        var text = new StringBuilder(utf8.Length);
        var at = 0;
        while (at < utf8.Length)
        {
            var status = Rune.DecodeFromUtf8(utf8[at..], out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
                at += consumed;
                continue;
            }
            if (allowSurrogates && at + 2 < utf8.Length && utf8[at] == 0xED && utf8[at + 1] is >= 0xA0 and <= 0xBF
                && utf8[at + 2] is >= 0x80 and <= 0xBF)
            {
                text.Append((char)(0xD000 | ((utf8[at + 1] & 0x3F) << 6) | (utf8[at + 2] & 0x3F)));
                at += 3;
                continue;
            }
            throw new UnpicklingError($"'utf-8' codec can't decode byte 0x{utf8[at]:x2} in position {at}: "
                + $"{Reason(utf8[at..])} (CPython raises UnicodeDecodeError for this str)");
        }
        return text.ToString();
    }

    /// <summary>
    /// CPython's reason for the sequence at the start of <paramref name="rest"/>: the strict decoder's, which
    /// surrogatepass reports unchanged when it cannot rescue the bytes.
    /// </summary>
    private static string Reason(ReadOnlySpan<byte> rest)
    {
        var lead = rest[0];
        var (length, low, high) = lead switch
        {
            >= 0xC2 and <= 0xDF => (2, 0x80, 0xBF),
            0xE0 => (3, 0xA0, 0xBF),
            0xED => (3, 0x80, 0x9F),
            >= 0xE1 and <= 0xEF => (3, 0x80, 0xBF),
            0xF0 => (4, 0x90, 0xBF),
            >= 0xF1 and <= 0xF3 => (4, 0x80, 0xBF),
            0xF4 => (4, 0x80, 0x8F),
            _ => (0, 0, 0),
        };
        if (length == 0) return "invalid start byte";
        for (var i = 1; i < length; i++)
        {
            if (i >= rest.Length) return "unexpected end of data";
            var (lo, hi) = i == 1 ? (low, high) : (0x80, 0xBF);
            if (rest[i] < lo || rest[i] > hi) return "invalid continuation byte";
        }
        return "invalid continuation byte";
    }
}
