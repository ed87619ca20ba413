using System.Net;
using System.Net.Sockets;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>
/// CPython's <c>multiprocessing.managers.Token</c>: which shared object a proxy stands for (its typeid, the id the
/// server gave it) and where its server listens. Pickled as CPython pickles it: <c>Token</c> by NEWOBJ with the state
/// <c>(typeid, address, id)</c>, the address a socket path (str) or a <c>(host, port)</c> tuple.
/// </summary>
/// <param name="TypeId">The name the type was registered under (<c>'dict'</c>, <c>'Lock'</c>...).</param>
/// <param name="Address">The server's address.</param>
/// <param name="Id">The server's id of the object (CPython's <c>'%x' % id(obj)</c>).</param>
public sealed record Token(string TypeId, EndPoint Address, string Id)
{
    /// <summary>The Python class a pickled token names.</summary>
    public static PyGlobal Class { get; } = new("multiprocessing.managers", "Token");

    /// <summary>The token as CPython pickles it.</summary>
    public PyObject ToPickle() => new(Class, PyTuple.Empty, new PyTuple(TypeId, ToPython(Address), Id));

    /// <summary>A token from its pickle (a <see cref="PyObject"/> of <see cref="Class"/> with its state tuple).</summary>
    /// <exception cref="InvalidDataException">the value is not a pickled token.</exception>
    public static Token FromPickle(object? value) =>
        value is PyObject { State: PyTuple { Count: 3 } state } o && o.Type == Class
            && state[0] is string typeId && state[2] is string id
            ? new Token(typeId, FromPython(state[1]), id)
            : throw new InvalidDataException($"expected a multiprocessing.managers.Token, got {Describe(value)}");

    /// <summary>CPython's form of an address: a Unix socket path as str ('\0name' for the abstract namespace),
    /// AF_INET as (host, port).</summary>
    public static object ToPython(EndPoint address) => address switch
    {
        UnixDomainSocketEndPoint unix => unix.ToString(),
        IPEndPoint ip => new PyTuple(ip.Address.ToString(), ip.Port),
        DnsEndPoint dns => new PyTuple(dns.Host, dns.Port),
        _ => throw new ArgumentException($"a manager listens on a Unix socket or an IPv4 address, not {address}"),
    };

    /// <summary>The endpoint of CPython's address form (see <see cref="ToPython"/>).</summary>
    /// <exception cref="InvalidDataException">neither a str nor a (host, port) tuple.</exception>
    public static EndPoint FromPython(object? address) => address switch
    {
        string path => new UnixDomainSocketEndPoint(path),
        PyTuple { Count: 2 } pair when pair[0] is string host && pair[1] is int port =>
            IPAddress.TryParse(host, out var ip) ? new IPEndPoint(ip, port) : new DnsEndPoint(host, port),
        _ => throw new InvalidDataException($"a manager address is a socket path or (host, port), not {Describe(address)}"),
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"Token(typeid={PyRepr.Repr(TypeId)}, address={PyRepr.Repr(ToPython(Address))}, id={PyRepr.Repr(Id)})";

    private static string Describe(object? value) => value is null ? "None" : PyRepr.Repr(value);
}
