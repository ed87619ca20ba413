using PyCompat.Pickling;

namespace PyCompat.Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.connection.Connection</c> on a Unix fd (a socket or one end of a pipe): messages
/// framed byte for byte as CPython frames them, values pickled as CPython's ForkingPickler pickles them, so either
/// end may be a CPython process. Made by <see cref="Pipe"/>, <see cref="Listener.Accept"/> and
/// <see cref="Client.Connect"/>, or around an fd a peer handed over. Like CPython's, one connection is used by one
/// thread at a time. <see cref="Dispose"/> is <see cref="Close"/> (Python's <c>with</c>).
/// </summary>
public sealed partial class Connection : IDisposable
{
    /// <summary>The pickle protocol <see cref="Send"/> writes: CPython's <c>pickle.DEFAULT_PROTOCOL</c> of 3.8-3.13,
    /// which ForkingPickler uses.</summary>
    public const int PickleProtocol = 4;

    /// <summary>The default <see cref="MaxMessageLength"/>: 1 GiB.</summary>
    public const int DefaultMaxMessageLength = 1 << 30;

    private int _fd;
    private int _maxMessageLength = DefaultMaxMessageLength;

    /// <summary>Wraps <paramref name="fd"/>, which the connection then owns and closes (CPython's
    /// <c>Connection(handle, readable, writable)</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">fd is negative ('invalid handle').</exception>
    /// <exception cref="ArgumentException">neither readable nor writable.</exception>
    public Connection(int fd, bool readable = true, bool writable = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd, "invalid handle");
        if (!readable && !writable)
            throw new ArgumentException("at least one of `readable` and `writable` must be True");
        _fd = fd;
        Readable = readable;
        Writable = writable;
    }

    /// <summary>Closes the fd if nobody did, as CPython's <c>__del__</c> does.</summary>
    ~Connection() => CloseFd();

    /// <summary>True once closed.</summary>
    public bool Closed => _fd < 0;

    /// <summary>True if messages can be received (false for a write-only end, or after a bad message length).</summary>
    public bool Readable { get; private set; }

    /// <summary>True if messages can be sent (false for a read-only end).</summary>
    public bool Writable { get; }

    /// <summary>
    /// The longest message that is received: a header announcing more fails with 'bad message length' before anything
    /// is allocated for it. CPython has no such limit (only memory); the default, 1 GiB, matches
    /// <see cref="PickleLoadOptions.DefaultMaxInputLength"/>. At most <see cref="Array.MaxLength"/>.
    /// </summary>
    public int MaxMessageLength
    {
        get => _maxMessageLength;
        set => _maxMessageLength = value is >= 0 && value <= Array.MaxLength ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"MaxMessageLength must be 0 to {Array.MaxLength}");
    }

    /// <summary>What <see cref="Recv"/> accepts from a pickle: <see cref="PickleLoadOptions.Default"/> unless set
    /// (set <see cref="PickleLoadOptions.Trusted"/> for a trusted peer that sends class instances).</summary>
    public PickleLoadOptions PickleOptions { get; set; } = PickleLoadOptions.Default;

    /// <summary>The fd (CPython's <c>fileno()</c>); with <see cref="Readable"/> and <see cref="Writable"/> it is all a
    /// reducer needs to hand this connection to a child.</summary>
    /// <exception cref="OSError">'handle is closed'.</exception>
    public int Fileno()
    {
        CheckClosed();
        return _fd;
    }

    /// <summary>Closes the connection; closing twice is harmless.</summary>
    public void Close()
    {
        CloseFd();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc cref="Close"/>
    public void Dispose() => Close();

    /// <summary>Sends <paramref name="value"/> pickled with protocol <see cref="PickleProtocol"/> (CPython's
    /// <c>send</c>).</summary>
    /// <exception cref="PicklingError">the value has no Python equivalent (nothing is sent).</exception>
    /// <exception cref="OSError">closed, read-only, or the peer is gone (errno 32, broken pipe).</exception>
    public void Send(object? value)
    {
        CheckClosed();
        CheckWritable();
        Framing.Send(_fd, Reduction.ForkingPickler.Dumps(value));
    }

    /// <summary>Receives one pickled value (CPython's <c>recv</c>), decoded with <see cref="PickleOptions"/>.</summary>
    /// <exception cref="EOFError">the peer closed the connection before a message began.</exception>
    /// <exception cref="OSError">closed, write-only, a bad message length, or end of file inside a message.</exception>
    /// <exception cref="UnpicklingError">the message is not a pickle PyCompat decodes.</exception>
    public object? Recv()
    {
        CheckClosed();
        CheckReadable();
        return PyPickle.Loads(ReceiveMessage(_maxMessageLength), PickleOptions);
    }

    /// <summary><see cref="Recv"/>, the value cast to <typeparamref name="T"/> (an int, string, byte[], List, PyDict...
    /// as the value table of PyCompat.Pickling decodes it).</summary>
    /// <exception cref="InvalidCastException">the value received is not a <typeparamref name="T"/>.</exception>
    public T Recv<T>()
    {
        var value = Recv();
        return value is T typed ? typed
            : value is null && default(T) is null ? default!
            : throw new InvalidCastException(
                $"received {(value is null ? "None" : value.GetType().Name)}, not {typeof(T).Name}: use Recv() to see what came");
    }

    /// <summary>Sends <paramref name="size"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/> (all
    /// that follows the offset when size is null) as one message (CPython's <c>send_bytes</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">the offset or size is outside the buffer, in CPython's words.</exception>
    public void SendBytes(byte[] buffer, int offset = 0, int? size = null)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        CheckClosed();
        CheckWritable();
        if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset), "offset is negative");
        if (buffer.Length < offset) throw new ArgumentOutOfRangeException(nameof(offset), "buffer length < offset");
        var count = size ?? buffer.Length - offset;
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(size), "size is negative");
        if ((long)offset + count > buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(size), "buffer length < offset + size");
        Framing.Send(_fd, buffer.AsSpan(offset, count));
    }

    /// <summary>Sends <paramref name="data"/> as one message.</summary>
    public void SendBytes(ReadOnlySpan<byte> data)
    {
        CheckClosed();
        CheckWritable();
        Framing.Send(_fd, data);
    }

    /// <summary>Receives one message as bytes (CPython's <c>recv_bytes</c>).</summary>
    /// <param name="maxLength">A message longer than this fails with 'bad message length' (and this end stops being
    /// readable, as in CPython); null for <see cref="MaxMessageLength"/>.</param>
    /// <exception cref="EOFError">the peer closed the connection before a message began.</exception>
    /// <exception cref="OSError">closed, write-only, a bad message length, or end of file inside a message.</exception>
    public byte[] RecvBytes(int? maxLength = null)
    {
        CheckClosed();
        CheckReadable();
        if (maxLength < 0) throw new ArgumentOutOfRangeException(nameof(maxLength), "negative maxlength");
        return ReceiveMessage(Math.Min(maxLength ?? int.MaxValue, _maxMessageLength));
    }

    /// <summary>Receives one message into <paramref name="buffer"/> at <paramref name="offset"/> and returns its length
    /// (CPython's <c>recv_bytes_into</c>).</summary>
    /// <exception cref="BufferTooShort">the message does not fit; it is in <see cref="BufferTooShort.Received"/>.</exception>
    public int RecvBytesInto(byte[] buffer, int offset = 0)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        CheckClosed();
        CheckReadable();
        if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset), "negative offset");
        if (offset > buffer.Length) throw new ArgumentOutOfRangeException(nameof(offset), "offset too large");
        var size = CheckedLength(Framing.ReadLength(_fd), _maxMessageLength);
        if (size > buffer.Length - offset)
            throw new BufferTooShort(Framing.ReadPayload(_fd, size));
        Framing.ReadExactly(_fd, buffer.AsSpan(offset, size));
        return size;
    }

    /// <summary>Whether a message (or end of file) is waiting, waiting up to <paramref name="timeout"/> for one
    /// (CPython's <c>poll</c>); null waits for ever.</summary>
    public bool Poll(TimeSpan? timeout)
    {
        CheckClosed();
        CheckReadable();
        return FdIo.PollReadable([_fd], timeout).Count > 0;
    }

    /// <summary>
    /// <see cref="Poll(TimeSpan?)"/> for <c>await</c>: true once a message (or end of file) is waiting, false when the
    /// timeout passed first. A thread of its own (not a thread-pool thread) polls the fd in slices of 50 ms, between
    /// which <paramref name="cancellationToken"/> is looked at.
    /// </summary>
    /// <param name="timeout">null waits for ever; zero only looks.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="OSError">the connection is closed, or not readable.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task<bool> PollAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        CheckClosed();
        CheckReadable();
        return AsyncWait.Until(slice => Poll(slice), timeout, cancellationToken);
    }

    /// <summary>
    /// <see cref="Recv()"/> for <c>await</c>: waits as <see cref="PollAsync"/> does, then reads the whole message on
    /// the same thread. Cancelling stops the wait before a message starts, never in the middle of one, so the connection
    /// stays usable.
    /// </summary>
    /// <exception cref="EOFError">the other end closed with nothing left to read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task<object?> RecvAsync(CancellationToken cancellationToken = default)
    {
        CheckClosed();
        CheckReadable();
        return AsyncWait.Run(() =>
        {
            AsyncWait.Loop(slice => Poll(slice), null, cancellationToken);
            return Recv();
        }, cancellationToken);
    }

    /// <summary>
    /// <see cref="RecvBytes(int?)"/> for <c>await</c>, waiting as <see cref="RecvAsync"/> does.
    /// </summary>
    /// <param name="maxLength">As <see cref="RecvBytes(int?)"/>'s.</param>
    /// <param name="cancellationToken">Stops the wait before a message starts.</param>
    /// <exception cref="EOFError">the other end closed with nothing left to read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task<byte[]> RecvBytesAsync(int? maxLength = null, CancellationToken cancellationToken = default)
    {
        CheckClosed();
        CheckReadable();
        return AsyncWait.Run(() =>
        {
            AsyncWait.Loop(slice => Poll(slice), null, cancellationToken);
            return RecvBytes(maxLength);
        }, cancellationToken);
    }

    /// <summary>Whether a message is waiting, without waiting (CPython's <c>poll()</c>).</summary>
    public bool Poll() => Poll(TimeSpan.Zero);

    /// <summary><see cref="Poll(TimeSpan?)"/> with the timeout in seconds, as Python writes it.</summary>
    public bool Poll(double timeoutSeconds) => Poll(TimeSpan.FromSeconds(timeoutSeconds));

    /// <inheritdoc/>
    public override string ToString() =>
        $"<Connection fd={(Closed ? "closed" : _fd.ToString(System.Globalization.CultureInfo.InvariantCulture))}"
        + $" readable={Readable} writable={Writable}>";

    private byte[] ReceiveMessage(int limit) =>
        Framing.ReadPayload(_fd, CheckedLength(Framing.ReadLength(_fd), limit));

    /// <summary>
    /// The announced length if it is one we read; else CPython's <c>_bad_message_length</c>: the rest of the stream
    /// cannot be framed any more, so this end stops reading (or closes when it cannot write either). CPython accepts a
    /// negative length as an empty message; that is a broken or hostile peer, so it fails here too.
    /// </summary>
    private int CheckedLength(long announced, int limit)
    {
        if (announced >= 0 && announced <= limit) return (int)announced;
        if (Writable) Readable = false;
        else Close();
        var why = announced < 0 ? "a negative length"
            : announced == long.MaxValue ? "a length of 2^63 bytes or more"
            : $"{announced} bytes";
        throw new OSError($"bad message length: the peer announced {why}, and at most {limit} bytes are accepted"
            + (limit == _maxMessageLength ? " (raise Connection.MaxMessageLength for longer messages)" : ""));
    }

    private void CheckClosed()
    {
        if (_fd < 0) throw new OSError("handle is closed");
    }

    private void CheckReadable()
    {
        if (!Readable) throw new OSError("connection is write-only");
    }

    private void CheckWritable()
    {
        if (!Writable) throw new OSError("connection is read-only");
    }

    private void CloseFd()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) Posix.Libc.close(fd);
    }
}
