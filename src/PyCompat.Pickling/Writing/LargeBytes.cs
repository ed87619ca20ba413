using System.Buffers.Binary;
using PyCompat.Pickling.Reading;

namespace PyCompat.Pickling.Writing;

/// <summary>
/// A large bytes value pickled on its own at protocol 3 or later (what a Queue or a Connection sends for a buffer),
/// written straight into its pickle: PROTO, BINBYTES, the bytes, STOP, the opcodes the writer's
/// <see cref="BytesNode"/> writes. Through the writer the bytes are copied twice, into the pooled buffer it writes to
/// and then into an array of the pickle's exact length, the second copy into fresh large-object pages; here once
/// (docs/performance.md, "Later on 2026-12-03").
/// </summary>
internal static class LargeBytes
{
    /// <summary>From this length on; below it the writer's two copies are cheap (they stay in the cache).</summary>
    public const int Threshold = 64 * 1024;

    /// <summary>PROTO (2 bytes), BINBYTES and its 4-byte length, STOP.</summary>
    private const int Overhead = 8;

    /// <summary>The pickle of <paramref name="value"/>, or null when it is not one written here.</summary>
    public static byte[]? TryPickle(object? value, int protocol)
    {
        if (protocol < 3 || value is not byte[] { Length: >= Threshold } bytes || bytes.Length > Array.MaxLength - Overhead)
            return null;
        var pickle = GC.AllocateUninitializedArray<byte>(bytes.Length + Overhead);
        pickle[0] = PickleOps.Proto;
        pickle[1] = (byte)protocol;
        pickle[2] = PickleOps.BinBytes;
        BinaryPrimitives.WriteInt32LittleEndian(pickle.AsSpan(3), bytes.Length);
        bytes.CopyTo(pickle, 7);
        pickle[^1] = PickleOps.Stop;
        return pickle;
    }
}
