using System.Net;
using System.Net.Sockets;

namespace PyCompat.Multiprocessing;

/// <summary>CPython's <c>multiprocessing.connection.Client</c>: a connection to a <see cref="Listener"/>'s address,
/// C# or CPython.</summary>
public static class Client
{
    /// <summary>
    /// Connects to <paramref name="address"/> and, when <paramref name="authkey"/> is given, answers the listener's
    /// challenge and then challenges it (CPython's order). The challenge of a 3.11-or-older listener (20 bytes,
    /// HMAC-MD5) and of a 3.12+ one (<c>{sha256}</c>) are both answered; the challenge sent is 3.12's, which older
    /// listeners answer with HMAC-MD5 and this end accepts.
    /// </summary>
    /// <exception cref="OSError">nothing listens there (errno 111 or 2), or the connection broke.</exception>
    /// <exception cref="AuthenticationError">'digest sent was rejected' (the keys differ) or 'digest received was
    /// wrong' (the listener does not hold the key).</exception>
    public static Connection Connect(EndPoint address, AddressFamily? family = null, byte[]? authkey = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var chosen = SocketAddresses.FamilyOf(address, family);
        var connection = new Connection(SocketFds.Connect(chosen, SocketAddresses.Encode(address)));
        if (authkey is null) return connection;
        try
        {
            Handshake.AnswerChallenge(connection, authkey);
            Handshake.DeliverChallenge(connection, authkey);
            return connection;
        }
        catch
        {
            connection.Close();
            throw;
        }
    }
}
