using System.Net;
using System.Net.Sockets;
using PyCompat.Multiprocessing.Posix;

namespace PyCompat.Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.connection.Listener</c>: a bound, listening socket whose <see cref="Accept"/> returns
/// a <see cref="Connection"/>, authenticated first when an authkey is given (the handshake CPython 3.9-3.13 peers
/// speak; see <see cref="Client"/>). A Unix socket path is removed again by <see cref="Close"/>.
/// </summary>
public sealed class Listener : IDisposable
{
    private readonly byte[]? _authkey;
    private readonly string? _socketFile;
    private int _fd;

    /// <summary>Binds and listens (CPython's <c>Listener(address, family, backlog, authkey)</c>).</summary>
    /// <param name="address">A <see cref="UnixDomainSocketEndPoint"/> (a path, or "\0name" for the abstract
    /// namespace), an IPv4 <see cref="IPEndPoint"/> or a <see cref="DnsEndPoint"/>; null for a fresh one of
    /// <paramref name="family"/> (a socket file in the temp folder, or 127.0.0.1 with a free port).</param>
    /// <param name="family"><see cref="AddressFamily.Unix"/> (the default) or <see cref="AddressFamily.InterNetwork"/>.</param>
    /// <param name="backlog">listen(2)'s backlog.</param>
    /// <param name="authkey">The key a client must prove it holds before <see cref="Accept"/> returns; null for no
    /// handshake. As in CPython 3.12+, an empty key still means a handshake (3.11 skipped it for b'').</param>
    /// <exception cref="OSError">the address cannot be bound (errno 98: in use).</exception>
    public Listener(EndPoint? address = null, AddressFamily? family = null, int backlog = 1, byte[]? authkey = null)
    {
        var chosen = SocketAddresses.FamilyOf(address, family);
        var sockaddr = SocketAddresses.Encode(address ?? SocketAddresses.Arbitrary(chosen));
        _fd = SocketFds.Listen(chosen, sockaddr, backlog);
        _authkey = authkey?.ToArray();
        _socketFile = SocketAddresses.FileOf(sockaddr);
        Address = SocketAddresses.Decode(SocketFds.LocalAddress(_fd))
            ?? throw new OSError("the listening socket has no address");
    }

    /// <summary>The digest the challenge names: "sha256" as CPython 3.12+ sends; null for 3.11's bare 20-byte
    /// HMAC-MD5 challenge (kept internal: for tests of peers that answer either).</summary>
    internal string? ChallengeDigest { get; set; } = "sha256";

    /// <summary>Where clients connect (for port 0, with the port the system chose).</summary>
    public EndPoint Address { get; }

    /// <summary>The peer of the last <see cref="Accept"/>: an <see cref="IPEndPoint"/>, a
    /// <see cref="UnixDomainSocketEndPoint"/>, or null (an unnamed Unix socket, CPython's ''; or nothing accepted).</summary>
    public EndPoint? LastAcceptedAddress { get; private set; }

    /// <summary>
    /// Waits for a client, runs the handshake when there is an authkey (challenge it, then answer its challenge, as
    /// CPython does), and returns the connection; nothing the client sends is read before that.
    /// </summary>
    /// <exception cref="OSError">'listener is closed', or accept(2) failed.</exception>
    /// <exception cref="AuthenticationError">the client does not hold the authkey (its connection is closed).</exception>
    /// <exception cref="EOFError">the client went away during the handshake.</exception>
    public Connection Accept()
    {
        var listening = _fd;
        if (listening < 0) throw new OSError("listener is closed");
        int fd;
        byte[] peer;
        try
        {
            fd = SocketFds.Accept(listening, out peer);
        }
        catch (OSError) when (_fd < 0)
        {
            throw new OSError("listener is closed");
        }
        LastAcceptedAddress = SocketAddresses.Decode(peer);
        var connection = new Connection(fd);
        if (_authkey is null) return connection;
        try
        {
            Handshake.DeliverChallenge(connection, _authkey, ChallengeDigest);
            Handshake.AnswerChallenge(connection, _authkey);
            return connection;
        }
        catch
        {
            connection.Close();
            throw;
        }
    }

    /// <summary>
    /// <see cref="Accept"/> for <c>await</c>: a thread of its own (not a thread-pool thread) polls the listening socket
    /// in slices of 50 ms, between which <paramref name="cancellationToken"/> is looked at, then accepts and runs the
    /// handshake on that thread. A cancelled wait has accepted nothing: the next client is still there to accept.
    /// </summary>
    /// <exception cref="OSError">'listener is closed', or accept(2) failed.</exception>
    /// <exception cref="AuthenticationError">the client does not hold the authkey.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task<Connection> AcceptAsync(CancellationToken cancellationToken = default) => AsyncWait.Run(() =>
    {
        AsyncWait.Loop(slice => FdIo.PollReadable([Listening()], slice).Count > 0, null, cancellationToken);
        return Accept();
    }, cancellationToken);

    /// <summary>The listening socket's fd; -1 once closed.</summary>
    internal int Fd => _fd;

    private int Listening() => _fd >= 0 ? _fd : throw new OSError("listener is closed");

    /// <summary>Closes the socket and removes its socket file; an Accept waiting in another thread fails with
    /// 'listener is closed'. Closing twice is harmless.</summary>
    public void Close()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd < 0) return;
        SocketCalls.shutdown(fd, SocketCalls.SHUT_RDWR); // wakes an Accept blocked in another thread
        Libc.close(fd);
        if (_socketFile is not null) File.Delete(_socketFile);
    }

    /// <inheritdoc cref="Close"/>
    public void Dispose() => Close();
}
