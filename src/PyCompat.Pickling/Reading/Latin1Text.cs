using System.Text;

namespace PyCompat.Pickling.Reading;

/// <summary>
/// A large str that the transcoder read straight into its latin-1 bytes because the pickle passes it, with an
/// encoding, to a callable (<c>_codecs.encode(text, 'latin1')</c>, how protocols 0-2 carry bytes): Razorvine hands it
/// to <see cref="PyConstructor"/> as the first of the two arguments, and only there. The bytes constructors take the
/// bytes as they are; any other callable gets the str back (PickleTranscoder.EncodedBytes.cs).
/// </summary>
internal sealed class Latin1Text(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;

    /// <summary>The str the pickle holds: every code point is below U+0100, so latin-1 gives it back exactly.</summary>
    public string ToText() => Encoding.Latin1.GetString(Bytes);
}
