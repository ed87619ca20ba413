namespace PyCompat.Pickling;

/// <summary>Base of PyCompat's pickle failures.</summary>
public class PickleError : Exception
{
    /// <summary>Creates the error with its message.</summary>
    public PickleError(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>A .NET value could not be pickled (Python's <c>pickle.PicklingError</c>).</summary>
public class PicklingError : PickleError
{
    /// <summary>Creates the error with its message.</summary>
    public PicklingError(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>
/// Bytes could not be decoded as a pickle (Python's <c>pickle.UnpicklingError</c>), or were refused by the
/// <see cref="PickleLoadOptions"/> in force. <see cref="Offset"/> and <see cref="Opcode"/> say where.
/// </summary>
public class UnpicklingError : PickleError
{
    /// <summary>Creates the error with its message, tied to no position.</summary>
    public UnpicklingError(string message, Exception? inner = null) : base(message, inner) => Reason = message;

    /// <summary>Creates the error for the opcode <paramref name="opcode"/> at byte <paramref name="offset"/>.</summary>
    /// <param name="message">What went wrong, without the position (the message adds it).</param>
    /// <param name="offset">The byte offset of the opcode from the start of the pickle.</param>
    /// <param name="opcode">The opcode's name as pickletools prints it (e.g. <c>BINUNICODE</c>), or its byte in hex.</param>
    /// <param name="inner">The underlying failure, if any.</param>
    public UnpicklingError(string message, long offset, string? opcode, Exception? inner = null)
        : base(offset >= 0 ? $"{message} (at byte offset {offset}, opcode {opcode ?? "?"})" : message, inner)
    {
        Offset = offset;
        Opcode = opcode;
        Reason = message;
    }

    /// <summary>
    /// The byte offset, from the start of the pickle, of the opcode that failed, or -1 when the failure is tied to
    /// no position. Failures found only while building the values after the whole pickle was read (a depth the
    /// pre-pass could not see, a tuple that contains itself) report the offset of the STOP opcode.
    /// </summary>
    public long Offset { get; } = -1;

    /// <summary>The failing opcode's name as pickletools prints it (<c>BINUNICODE</c>, <c>REDUCE</c>, ...), or
    /// <c>0xNN</c> for a byte that is no opcode; null when <see cref="Offset"/> is -1.</summary>
    public string? Opcode { get; }

    /// <summary>The message without the position.</summary>
    public string Reason { get; }

    internal UnpicklingError At(long offset, string opcode) =>
        Offset >= 0 ? this : new UnpicklingError(Reason, offset, opcode, InnerException ?? this);
}
