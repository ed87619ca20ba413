using System.Net;
using System.Net.Sockets;
using System.Text;
using PyCompat.Multiprocessing.Posix;

namespace PyCompat.Multiprocessing;

/// <summary>
/// The addresses CPython's connection.py knows on Unix (<c>address_type</c>, <c>arbitrary_address</c>): AF_INET as
/// an <see cref="IPEndPoint"/> (IPv4) or a <see cref="DnsEndPoint"/> such as ("localhost", 0); AF_UNIX as a
/// <see cref="UnixDomainSocketEndPoint"/>, a path or, with a leading '\0', Linux's abstract namespace.
/// </summary>
internal static class SocketAddresses
{
    /// <summary>The family of <paramref name="address"/>, checked against the one asked for.</summary>
    public static AddressFamily FamilyOf(EndPoint? address, AddressFamily? family)
    {
        var implied = address switch
        {
            null => (AddressFamily?)null,
            UnixDomainSocketEndPoint => AddressFamily.Unix,
            IPEndPoint { AddressFamily: AddressFamily.InterNetwork } or DnsEndPoint => AddressFamily.InterNetwork,
            _ => throw new ArgumentException($"address type of {address} unrecognized: use a UnixDomainSocketEndPoint "
                + "(a path, or '\\0name' for the abstract namespace) or an IPv4 IPEndPoint/DnsEndPoint", nameof(address)),
        };
        var chosen = family ?? implied ?? AddressFamily.Unix; // CPython's default_family on Unix
        if (chosen is not (AddressFamily.Unix or AddressFamily.InterNetwork))
            throw new ArgumentException($"Family {chosen} is not recognized: use AddressFamily.Unix or InterNetwork", nameof(family));
        if (implied is { } known && known != chosen)
            throw new ArgumentException($"address {address} is not of family {chosen}", nameof(address));
        return chosen;
    }

    /// <summary>CPython's <c>arbitrary_address</c>: a fresh socket path in the temp folder, or loopback port 0.</summary>
    public static EndPoint Arbitrary(AddressFamily family) => family == AddressFamily.Unix
        ? new UnixDomainSocketEndPoint(Path.Combine(Path.GetTempPath(), $"listener-{Guid.NewGuid():N}"[..21]))
        : new IPEndPoint(IPAddress.Loopback, 0);

    /// <summary>The native sockaddr bytes of <paramref name="address"/> (a host name resolved to its first IPv4).</summary>
    public static byte[] Encode(EndPoint address)
    {
        if (address is DnsEndPoint dns)
        {
            var ipv4 = Dns.GetHostAddresses(dns.Host).FirstOrDefault(ip => ip.AddressFamily == AddressFamily.InterNetwork)
                ?? throw new OSError($"cannot resolve '{dns.Host}' to an IPv4 address");
            address = new IPEndPoint(ipv4, dns.Port);
        }
        var raw = address.Serialize();
        return raw.Buffer.Span[..raw.Size].ToArray();
    }

    /// <summary>The address in native sockaddr bytes; null for an unnamed Unix socket (CPython's '').</summary>
    public static EndPoint? Decode(ReadOnlySpan<byte> raw)
    {
        var family = BitConverter.ToUInt16(raw) == SocketCalls.AF_UNIX ? AddressFamily.Unix : AddressFamily.InterNetwork;
        if (family == AddressFamily.Unix && raw.Length <= 2) return null;
        var address = new SocketAddress(family, raw.Length);
        raw.CopyTo(address.Buffer.Span);
        EndPoint template = family == AddressFamily.Unix ? new UnixDomainSocketEndPoint("x") : new IPEndPoint(IPAddress.Any, 0);
        return template.Create(address);
    }

    /// <summary>The file a Unix socket path leaves behind, which its Listener removes; null for the abstract namespace.</summary>
    public static string? FileOf(byte[] sockaddr)
    {
        if (BitConverter.ToUInt16(sockaddr) != SocketCalls.AF_UNIX || sockaddr.Length <= 2 || sockaddr[2] == 0) return null;
        return Encoding.UTF8.GetString(sockaddr.AsSpan(2)).TrimEnd('\0');
    }
}
