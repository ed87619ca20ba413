using System.Runtime.InteropServices;

namespace PyCompat.Multiprocessing;

/// <summary>CPython's <c>multiprocessing.ProcessError</c>: the base of the package's own errors.</summary>
public class ProcessError(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// CPython's <c>multiprocessing.AuthenticationError</c>: the authkey handshake of a Listener or Client failed
/// ('digest received was wrong' on the side that checked, 'digest sent was rejected' on the side that answered).
/// </summary>
public sealed class AuthenticationError(string message) : ProcessError(message);

/// <summary>
/// CPython's <c>multiprocessing.BufferTooShort</c>: <see cref="Connection.RecvBytesInto"/> got a message longer than the
/// buffer; the whole message is in <see cref="Received"/> (CPython's <c>e.args[0]</c>), so nothing is lost.
/// </summary>
public sealed class BufferTooShort(byte[] message)
    : ProcessError($"the message ({message.Length} bytes) does not fit the buffer; it is in BufferTooShort.Received")
{
    /// <summary>The message that was received.</summary>
    public byte[] Received { get; } = message;
}

/// <summary>Python's <c>EOFError</c>: the other end closed the connection before a message began.</summary>
public sealed class EOFError(string message = "") : EndOfStreamException(message);

/// <summary>
/// Python's <c>OSError</c>: a failed system call (<see cref="Errno"/> set, message "[Errno N] text" as CPython
/// writes it) or a connection misused or broken as CPython reports it ('handle is closed', 'bad message length',
/// 'got end of file during message', 'connection is write-only').
/// </summary>
public sealed class OSError : IOException
{
    /// <summary>A misuse or protocol error without an errno, in CPython's words.</summary>
    public OSError(string message) : base(message) { }

    /// <summary>A failed system call.</summary>
    public OSError(int errno, string? context = null)
        : base((context is null ? "" : context + ": ") + $"[Errno {errno}] {Marshal.GetPInvokeErrorMessage(errno)}") =>
        Errno = errno;

    /// <summary>The C errno of a failed call (32 is CPython's BrokenPipeError, 104 ConnectionResetError), else null.</summary>
    public int? Errno { get; }

    /// <summary>The errno of the last P/Invoke as an OSError.</summary>
    internal static OSError Last(string? context = null) => new(Marshal.GetLastPInvokeError(), context);
}
