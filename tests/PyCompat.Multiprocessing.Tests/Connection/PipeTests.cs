using System.Net.Sockets;
using Conn = PyCompat.Multiprocessing.Connection;

namespace PyCompat.Multiprocessing.Tests.Connection;

public sealed class PipeTests
{
    [Fact]
    public void A_duplex_pipe_carries_values_and_bytes_both_ways()
    {
        var (a, b) = Conn.Pipe();
        using (a)
        using (b)
        {
            a.Send(new object?[] { 1, "two", null });
            b.SendBytes("0123456789"u8.ToArray(), 2, 5);
            Assert.Equal(new List<object?> { 1, "two", null }, b.Recv());
            Assert.Equal("23456"u8.ToArray(), a.RecvBytes());
            a.Send("typed");
            Assert.Equal("typed", b.Recv<string>());
        }
    }

    [Fact]
    public void A_one_way_pipe_reads_at_the_first_end_and_writes_at_the_second()
    {
        var (reader, writer) = Conn.Pipe(duplex: false);
        using (reader)
        using (writer)
        {
            Assert.True(reader.Readable);
            Assert.False(reader.Writable);
            Assert.False(writer.Readable);
            Assert.True(writer.Writable);
            writer.SendBytes("x"u8);
            Assert.Equal("x"u8.ToArray(), reader.RecvBytes());
        }
    }

    [Fact]
    public void Recv_bytes_into_writes_at_the_offset_and_returns_the_length()
    {
        var (a, b) = Conn.Pipe();
        using (a)
        using (b)
        {
            a.SendBytes("abc"u8);
            var buffer = new byte[6];
            Assert.Equal(3, b.RecvBytesInto(buffer, 2));
            Assert.Equal("\0\0abc\0"u8.ToArray(), buffer);
        }
    }

    [Fact]
    public void Poll_sees_a_waiting_message_and_end_of_file_but_not_an_empty_pipe()
    {
        var (a, b) = Conn.Pipe();
        using (a)
        {
            Assert.False(a.Poll());
            b.Send(1);
            Assert.True(a.Poll(TimeSpan.FromSeconds(30)));
            Assert.Equal(1, a.Recv());
            Assert.False(a.Poll(0.01));
            b.Close();
            Assert.True(a.Poll(null));
            Assert.Throws<EOFError>(() => a.Recv());
        }
    }

    [Fact]
    public void Wait_returns_only_the_ready_objects_in_the_order_given()
    {
        var (a1, b1) = Conn.Pipe();
        var (a2, b2) = Conn.Pipe();
        var (r, w) = Conn.Pipe(duplex: false);
        using var sockets = new DisposeAll(a1, b1, a2, b2, r, w);
        Assert.Empty(Conn.Wait([a1, a2, r], TimeSpan.Zero));
        b2.Send("x");
        w.SendBytes("y"u8);
        Assert.Equal([a2, r], Conn.Wait([a1, a2, r], TimeSpan.FromSeconds(30)));
        Assert.Equal([r.Fileno()], Conn.Wait([a1.Fileno(), r.Fileno()], null));
        Assert.Empty(Conn.Wait([a1], 0.01));
    }

    [Fact]
    public void Wait_accepts_a_dotnet_socket()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen();
        Assert.Empty(Conn.Wait([listener], TimeSpan.Zero));
        using var client = Client.Connect(listener.LocalEndPoint!);
        Assert.Equal([listener], Conn.Wait([listener], TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Close_is_idempotent_and_dispose_closes()
    {
        var (a, b) = Conn.Pipe();
        b.Dispose();
        Assert.True(b.Closed);
        b.Close();
        a.Close();
        Assert.Throws<OSError>(() => Conn.Wait([a]));
    }

    [Fact]
    public void Sending_to_a_closed_peer_is_a_broken_pipe()
    {
        var (a, b) = Conn.Pipe();
        b.Close();
        using (a)
            Assert.Equal(32, Assert.Throws<OSError>(() => a.SendBytes(new byte[100_000])).Errno);
    }

    private sealed class DisposeAll(params IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items) item.Dispose();
        }
    }
}
