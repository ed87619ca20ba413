namespace PyCompat.Pickling;

/// <summary>
/// Python's <c>pickle.dumps</c> / <c>pickle.loads</c> for .NET, on Razorvine.Pickle, speaking the value table
/// documented in the README (None ↔ null, tuple ↔ <see cref="PyTuple"/>, bytes ↔ byte[], ...).
/// </summary>
public static class PyPickle
{
    /// <summary>The protocol <see cref="Dumps"/> writes unless told otherwise.</summary>
    public const int DefaultProtocol = 2;

    /// <summary>Pickles <paramref name="value"/> so that CPython's <c>pickle.loads</c> returns the equal Python value.</summary>
    /// <exception cref="PicklingError">the value (or something inside it) has no Python equivalent.</exception>
    public static byte[] Dumps(object? value, int protocol = DefaultProtocol) => throw new NotImplementedException();

    /// <summary>Decodes one pickle written by CPython (protocols 0-5) into the .NET value table.</summary>
    /// <exception cref="UnpicklingError">the bytes are not a pickle PyCompat can decode.</exception>
    public static object? Loads(ReadOnlySpan<byte> data) => throw new NotImplementedException();

    /// <summary>
    /// Reads exactly one pickle from <paramref name="stream"/>: it stops at the STOP opcode, never reads past it,
    /// and leaves the stream open, so two pickles written back to back can be read with two calls.
    /// </summary>
    public static object? Load(Stream stream) => throw new NotImplementedException();
}
