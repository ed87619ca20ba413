using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using PyCompat.Pickling;
using Conn = PyCompat.Multiprocessing.Connection;

namespace PyCompat.Multiprocessing.Tests.Connection;

/// <summary>
/// Listener and Client against every CPython found, each side in each role, over a Unix socket path, the abstract
/// namespace and TCP. The handshake is each version's own: 3.9-3.11 speak HMAC-MD5 only, 3.12+ '{sha256}'; a C#
/// listener also sends 3.11's bare challenge, which every version must answer.
/// </summary>
public sealed class ListenerClientTests
{
    public static TheoryData<string, string> PythonsAndAddresses()
    {
        var data = new TheoryData<string, string>();
        foreach (var install in Interpreters.All)
            foreach (var kind in new[] { "path", "abstract", "tcp" })
                data.Add(install.Executable, kind);
        return data;
    }

    public static TheoryData<string> Pythons() => Interpreters.AllExecutables();

    [Theory]
    [MemberData(nameof(PythonsAndAddresses))]
    public void A_CPython_client_is_accepted_by_a_CSharp_listener_with_either_challenge(string python, string kind)
    {
        foreach (var digest in new[] { "sha256", null })
        {
            using var folder = new TempFolder();
            var key = RandomNumberGenerator.GetBytes(32);
            using var listener = new Listener(OurAddress(kind, folder), authkey: key) { ChallengeDigest = digest };
            var (control, theirs) = Conn.Pipe();
            using (control)
            using (var peer = PythonPeer.Start(python, theirs, "client", Spec(listener.Address), Convert.ToHexString(key)))
            {
                using (var connection = listener.Accept())
                {
                    Assert.Equal("hello from python", connection.Recv());
                    connection.Send("hello from C#");
                }
                Assert.Equal("('ok', 'hello from C#')", PyRepr.Repr(control.Recv()));
                peer.Finish();
            }
        }
    }

    [Theory]
    [MemberData(nameof(PythonsAndAddresses))]
    public void A_CSharp_client_is_accepted_by_a_CPython_listener(string python, string kind)
    {
        using var folder = new TempFolder();
        var key = RandomNumberGenerator.GetBytes(32);
        var (control, theirs) = Conn.Pipe();
        using (control)
        using (var peer = PythonPeer.Start(python, theirs, "listen", PythonSpec(kind, folder), Convert.ToHexString(key)))
        {
            var address = AddressFromPython(control.Recv());
            using (var connection = Client.Connect(address, authkey: key))
            {
                connection.Send("hello from C#");
                Assert.Equal("('python got', 'hello from C#')", PyRepr.Repr(connection.Recv()));
            }
            Assert.Equal("ok", control.Recv());
            peer.Finish();
        }
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void Without_an_authkey_both_ends_talk_at_once(string python)
    {
        using var listener = new Listener(new IPEndPoint(IPAddress.Loopback, 0));
        var (control, theirs) = Conn.Pipe();
        using (control)
        using (var peer = PythonPeer.Start(python, theirs, "client", Spec(listener.Address), "none"))
        {
            using (var connection = listener.Accept())
            {
                Assert.Equal("hello from python", connection.Recv());
                connection.Send(1);
            }
            Assert.IsType<IPEndPoint>(listener.LastAcceptedAddress);
            Assert.Equal("('ok', 1)", PyRepr.Repr(control.Recv()));
            peer.Finish();
        }
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void A_wrong_authkey_fails_on_both_sides_with_CPythons_messages_in_each_role(string python)
    {
        // C# listens, CPython connects with another key: CPython words the client's failure.
        string pythonClientSays, ourListenerSays;
        using (var listener = new Listener(new IPEndPoint(IPAddress.Loopback, 0), authkey: "right"u8.ToArray()))
        {
            var (control, theirs) = Conn.Pipe();
            using (control)
            using (var peer = PythonPeer.Start(python, theirs, "client", Spec(listener.Address), Convert.ToHexString("wrong"u8)))
            {
                ourListenerSays = Assert.Throws<AuthenticationError>(() => listener.Accept()).Message;
                var failure = control.Recv<PyTuple>();
                Assert.Equal("AuthenticationError", failure[0]);
                pythonClientSays = (string)failure[1]!;
                peer.Finish();
            }
        }

        // CPython listens, C# connects with another key: CPython words the listener's failure.
        string pythonListenerSays, ourClientSays;
        var (control2, theirs2) = Conn.Pipe();
        using (control2)
        using (var peer = PythonPeer.Start(python, theirs2, "listen", "tcp:127.0.0.1:0", Convert.ToHexString("right"u8)))
        {
            var address = AddressFromPython(control2.Recv());
            ourClientSays = Assert.Throws<AuthenticationError>(() => Client.Connect(address, authkey: "wrong"u8.ToArray())).Message;
            var failure = control2.Recv<PyTuple>();
            Assert.Equal("AuthenticationError", failure[0]);
            pythonListenerSays = (string)failure[1]!;
            peer.Finish();
        }

        Assert.Equal(pythonClientSays, ourClientSays);
        Assert.Equal(pythonListenerSays, ourListenerSays);
    }

    [Fact]
    public async Task A_CSharp_listener_and_client_agree_with_either_challenge_and_report_addresses()
    {
        using var folder = new TempFolder();
        var path = folder.File("s");
        foreach (var digest in new[] { "sha256", null })
        {
            using (var listener = new Listener(new UnixDomainSocketEndPoint(path), authkey: [1, 2, 3]) { ChallengeDigest = digest })
            {
                Assert.Equal(path, listener.Address.ToString());
                var accepted = Task.Run(listener.Accept);
                using var client = Client.Connect(new UnixDomainSocketEndPoint(path), authkey: [1, 2, 3]);
                using var server = await accepted;
                client.Send("ping");
                Assert.Equal("ping", server.Recv());
                Assert.Null(listener.LastAcceptedAddress); // an unnamed client socket: CPython's ''
            }
            Assert.False(File.Exists(path), "the listener's socket file outlived Close");
        }
    }

    [Fact]
    public void A_TCP_listener_on_port_0_reports_the_port_it_got()
    {
        using var listener = new Listener(family: AddressFamily.InterNetwork);
        var address = Assert.IsType<IPEndPoint>(listener.Address);
        Assert.Equal(IPAddress.Loopback, address.Address);
        Assert.NotEqual(0, address.Port);
    }

    [Fact]
    public async Task Closing_a_listener_wakes_an_accept_waiting_in_another_thread()
    {
        var listener = new Listener(family: AddressFamily.InterNetwork);
        var accepting = Task.Run(listener.Accept);
        while (accepting.Status != TaskStatus.Running) Thread.Yield();
        listener.Close();
        var error = await Assert.ThrowsAsync<OSError>(() => accepting);
        Assert.Equal("listener is closed", error.Message);
    }

    private static EndPoint OurAddress(string kind, TempFolder folder) => kind switch
    {
        "path" => new UnixDomainSocketEndPoint(folder.File("listener")),
        "abstract" => new UnixDomainSocketEndPoint("\0pycompat-test-" + Guid.NewGuid().ToString("N")),
        _ => new IPEndPoint(IPAddress.Loopback, 0),
    };

    private static string PythonSpec(string kind, TempFolder folder) => kind switch
    {
        "path" => "path:" + folder.File("listener"),
        "abstract" => "abstract:pycompat-test-" + Guid.NewGuid().ToString("N"),
        _ => "tcp:127.0.0.1:0",
    };

    /// <summary>An address as connection_peer.py's command line spells it.</summary>
    private static string Spec(EndPoint address)
    {
        if (address is IPEndPoint ip) return $"tcp:{ip.Address}:{ip.Port}";
        var text = address.ToString()!;
        return text.StartsWith('@') ? "abstract:" + text[1..] : "path:" + text;
    }

    /// <summary>CPython's <c>Listener.address</c>: a path (str), an abstract name (bytes) or (host, port).</summary>
    private static EndPoint AddressFromPython(object? address) => address switch
    {
        string path => new UnixDomainSocketEndPoint(path),
        byte[] name => new UnixDomainSocketEndPoint(Encoding.UTF8.GetString(name)),
        PyTuple { Count: 2 } pair => new IPEndPoint(IPAddress.Parse((string)pair[0]!), Convert.ToInt32(pair[1])),
        _ => throw new ArgumentException($"unexpected address {PyRepr.Repr(address)}"),
    };
}
