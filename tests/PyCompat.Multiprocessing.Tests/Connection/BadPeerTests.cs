using System.Buffers.Binary;
using System.Net;
using Conn = PyCompat.Multiprocessing.Connection;

namespace PyCompat.Multiprocessing.Tests.Connection;

/// <summary>Peers that lie in a header, stop inside a message, die, or skip the handshake: each gets an exception
/// (CPython's where CPython has one), without this end allocating what a header claims or waiting for it.</summary>
public sealed class BadPeerTests
{
    public static TheoryData<string, byte[]> TruncatedFrames() => new()
    {
        { "inside the header", [0, 0] },
        { "after the header", Header(1000) },
        { "inside the payload", [.. Header(1000), .. new byte[10]] },
        { "inside the 8-byte length", [.. Header(-1), 0, 0, 0] },
    };

    [Theory]
    [MemberData(nameof(TruncatedFrames))]
    public void A_truncated_frame_fails_as_it_fails_in_CPython(string where, byte[] frame)
    {
        var (ours, writer) = Conn.Pipe();
        Write(writer, frame);
        writer.Close();
        string our;
        try
        {
            our = "ok " + ours.RecvBytes().Length;
        }
        catch (Exception e) when (e is OSError or EOFError)
        {
            our = $"{e.GetType().Name}: {e.Message}";
        }
        ours.Close();

        var (feeder, theirs) = Conn.Pipe();
        using var peer = PythonPeer.Start(Interpreters.Default.Executable, theirs, "recv-bytes");
        Write(feeder, frame);
        feeder.Close();
        Assert.True(peer.Finish().TrimEnd() == our.TrimEnd(), $"cut {where}: CPython and we differ; we say '{our}'");
    }

    [Fact]
    public void A_header_claiming_2_to_the_62_bytes_fails_at_once_without_allocating_while_the_peer_stays_alive()
    {
        var (ours, theirs) = Conn.Pipe();
        using var peer = PythonPeer.Start(Interpreters.Default.Executable, theirs, "huge-header");
        Assert.True(ours.Poll(null));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<OSError>(() => ours.Recv());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.StartsWith("bad message length", error.Message);
        Assert.True(allocated < 64 * 1024, $"refusing the header allocated {allocated} bytes");
        Assert.Equal("connection is write-only", Assert.Throws<OSError>(() => ours.RecvBytes()).Message);
        ours.Close(); // the peer waits for this end to go away
        peer.Finish();
    }

    [Fact]
    public void A_header_over_max_message_length_fails_without_allocating()
    {
        var (ours, writer) = Conn.Pipe();
        using (writer)
        using (ours)
        {
            ours.MaxMessageLength = 1000;
            Write(writer, Header(1001));
            var before = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<OSError>(() => ours.RecvBytesInto(new byte[2000]));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
            Assert.Contains("MaxMessageLength", error.Message);
        }
    }

    [Fact]
    public void A_negative_length_is_a_bad_message_length_not_an_empty_message()
    {
        var (ours, writer) = Conn.Pipe(duplex: false);
        using (writer)
        {
            Write(writer, Header(-5));
            Assert.StartsWith("bad message length", Assert.Throws<OSError>(() => ours.RecvBytes()).Message);
            Assert.True(ours.Closed, "a read-only end that lost its framing is closed, as CPython does");
        }
    }

    [Fact]
    public void A_CPython_peer_that_dies_inside_a_message_gives_end_of_file_during_message()
    {
        var (ours, theirs) = Conn.Pipe();
        using (ours)
        using (var peer = PythonPeer.Start(Interpreters.Default.Executable, theirs, "die-mid-message"))
        {
            Assert.Equal("got end of file during message", Assert.Throws<OSError>(() => ours.RecvBytes()).Message);
            peer.Finish();
        }
    }

    [Fact]
    public async Task An_unauthenticated_client_that_sends_a_large_message_first_is_refused_without_reading_it()
    {
        using var listener = new Listener(new IPEndPoint(IPAddress.Loopback, 0), authkey: "key"u8.ToArray());
        using var intruder = Client.Connect(listener.Address);
        // 64 MB is more than the socket buffers hold: the write can only finish if the listener reads it all.
        var sending = Task.Run(() =>
        {
            try
            {
                intruder.SendBytes(new byte[64 << 20]);
                return null;
            }
            catch (OSError e)
            {
                return e;
            }
        });
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<OSError>(() => listener.Accept());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.StartsWith("bad message length", error.Message);
        Assert.True(allocated < 64 * 1024, $"refusing the intruder allocated {allocated} bytes");
        var broken = await sending;
        Assert.True(broken is not null, "the intruder's 64 MB message was read: the listener should have closed instead");
    }

    [Theory]
    [MemberData(nameof(ListenerClientTests.Pythons), MemberType = typeof(ListenerClientTests))]
    public void A_CPython_client_without_the_authkey_is_refused_before_its_first_message_is_taken_as_data(string python)
    {
        using var listener = new Listener(new IPEndPoint(IPAddress.Loopback, 0), authkey: "key"u8.ToArray());
        var (control, theirs) = Conn.Pipe();
        using (control)
        using (var peer = PythonPeer.Start(python, theirs, "client", $"tcp:127.0.0.1:{((IPEndPoint)listener.Address).Port}", "none"))
        {
            // CPython's client sends a pickle where the digest belongs; it is judged as a digest, within 256 bytes.
            Assert.Throws<AuthenticationError>(() => listener.Accept());
            Assert.NotEqual("ok", ((Pickling.PyTuple)control.Recv()!)[0]);
            peer.Finish();
        }
    }

    [Fact]
    public void A_client_that_leaves_during_the_handshake_gives_EOFError()
    {
        using var listener = new Listener(new IPEndPoint(IPAddress.Loopback, 0), authkey: "key"u8.ToArray());
        Client.Connect(listener.Address).Close();
        Assert.Throws<EOFError>(() => listener.Accept());
    }

    private static byte[] Header(int length)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, length);
        return header;
    }

    private static void Write(Conn end, byte[] bytes) => FdIo.WriteAll(end.Fileno(), bytes);
}
