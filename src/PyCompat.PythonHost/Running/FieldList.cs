using System.Text;

namespace PyCompat.PythonHost.Running;

/// <summary>
/// A list of strings as bytes, each field its UTF-8 byte count in ASCII digits, a colon, then its UTF-8 bytes: what
/// the runner hands pycompat_runner.py (Resources/) and what the probe cache stores. Not JSON on purpose: on
/// <c>pycompat run</c>'s path System.Text.Json cost ~10 ms of a ~110 ms run (loading it, then the JIT compiling its
/// generic code; docs/performance.md, "Start-up of pycompat run"), and Python reads this without importing a module.
/// Any string fits, NUL and newlines included; text that is not valid UTF-16 is refused, as the JSON writer refused it.
/// </summary>
internal static class FieldList
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The fields as bytes.</summary>
    /// <exception cref="EncoderFallbackException">a field holds a lone surrogate.</exception>
    public static byte[] Write(IEnumerable<string> fields)
    {
        using var buffer = new MemoryStream();
        foreach (var field in fields)
        {
            var bytes = Strict.GetBytes(field);
            buffer.Write(Encoding.ASCII.GetBytes($"{bytes.Length}:"));
            buffer.Write(bytes);
        }

        return buffer.ToArray();
    }

    /// <summary>The fields <see cref="Write"/> wrote.</summary>
    /// <exception cref="FormatException">the bytes are not such a list (a damaged file).</exception>
    public static List<string> Read(ReadOnlySpan<byte> data)
    {
        var fields = new List<string>();
        while (!data.IsEmpty)
        {
            var colon = data.IndexOf((byte)':');
            if (colon <= 0 || !int.TryParse(data[..colon], out var length) || length < 0 || length > data.Length - colon - 1)
                throw new FormatException("not a list of length-prefixed fields");
            try
            {
                fields.Add(Strict.GetString(data.Slice(colon + 1, length)));
            }
            catch (DecoderFallbackException e)
            {
                throw new FormatException("a field is not UTF-8", e);
            }

            data = data[(colon + 1 + length)..];
        }

        return fields;
    }
}
