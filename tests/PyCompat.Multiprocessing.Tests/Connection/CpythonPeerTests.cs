using System.Security.Cryptography;
using PyCompat.Pickling;
using Conn = PyCompat.Multiprocessing.Connection;

namespace PyCompat.Multiprocessing.Tests.Connection;

/// <summary>A C# end and a CPython end (multiprocessing.connection.Connection on the fd it was given) of one pipe.</summary>
public sealed class CpythonPeerTests
{
    private const string Literals = "[None, True, 7, -2**40, 2**100, 1.5, float('inf'), -0.0, 'h\\xe9llo \\U0001f600', "
        + "b'\\x00\\xff', bytearray(b'ab'), (1, 'a', (2,)), [1, [2, []]], {'k': [1, 2], 3: None}, {1, 2}, "
        + "frozenset({3}), 1+2j, '']";

    public static TheoryData<string> Pythons() => Interpreters.AllExecutables();

    [Theory]
    [MemberData(nameof(Pythons))]
    public void Values_CPython_sends_arrive_as_the_values_CPython_printed(string python)
    {
        var (ours, theirs) = Conn.Pipe();
        using (ours)
        using (var peer = PythonPeer.Start(python, theirs, "send-literals", Literals))
        {
            var count = 0;
            while (ours.Poll(null) && TryRecv(ours, out var value))
            {
                Assert.Equal(ours.Recv<string>(), PyRepr.Repr(value));
                count++;
            }
            Assert.Equal(18, count);
            peer.Finish();
        }
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void Values_sent_from_CSharp_arrive_in_CPython_equal_to_the_originals(string python)
    {
        // First CPython sends the values (their repr is CPython's own), then it echoes what C# sends back.
        var originals = new List<(object? Value, string Repr)>();
        var (source, sourceEnd) = Conn.Pipe();
        using (source)
        using (var sender = PythonPeer.Start(python, sourceEnd, "send-literals", Literals))
        {
            while (TryRecv(source, out var value)) originals.Add((value, source.Recv<string>()));
            sender.Finish();
        }

        var (ours, theirs) = Conn.Pipe();
        using var peer = PythonPeer.Start(python, theirs, "echo");
        foreach (var (value, repr) in originals)
        {
            ours.Send(value);
            var reply = ours.Recv<PyTuple>();
            Assert.Equal(repr, reply[0]);
            Assert.Equal(repr, PyRepr.Repr(reply[1]));
        }
        ours.Close();
        peer.Finish();
        Assert.Equal(18, originals.Count);
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void Bytes_with_offset_and_size_cross_both_ways(string python)
    {
        var (ours, theirs) = Conn.Pipe();
        using var peer = PythonPeer.Start(python, theirs, "echo-bytes");
        Assert.Equal("23456"u8.ToArray(), ours.RecvBytes());
        ours.SendBytes("abcdefgh"u8.ToArray(), 3, 4);
        Assert.Equal("defg"u8.ToArray(), ours.RecvBytes());
        ours.SendBytes([]);
        Assert.Empty(ours.RecvBytes());
        var large = RandomNumberGenerator.GetBytes(100_000); // past CPython's 16 KiB single-write limit
        ours.SendBytes(large);
        var into = new byte[100_010];
        Assert.Equal(large.Length, ours.RecvBytesInto(into, 10));
        Assert.Equal(large, into[10..]);
        ours.Close();
        peer.Finish();
    }

    [Fact]
    public void A_100_MB_message_crosses_each_way_and_the_receiver_allocates_about_its_size()
    {
        const int size = 100 * 1024 * 1024;
        var outgoing = new byte[size];
        Random.Shared.NextBytes(outgoing);
        var (ours, theirs) = Conn.Pipe();
        using var peer = PythonPeer.Start(Interpreters.Default.Executable, theirs, "big", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ours.SendBytes(outgoing);
        var report = ours.Recv<PyTuple>();
        Assert.Equal(size, report[0]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(outgoing)), report[1]);
        outgoing = null;

        var expectedHash = ours.Recv<string>();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var incoming = ours.RecvBytes();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(size, incoming.Length);
        Assert.Equal(expectedHash, Convert.ToHexStringLower(SHA256.HashData(incoming)));
        // The buffer grows by doubling from 1 MiB to the exact size: under 2.5 times the message in all.
        Assert.True(allocated < size * 5L / 2, $"receiving {size} bytes allocated {allocated} bytes");
        ours.Close();
        peer.Finish();
    }

    private static bool TryRecv(Conn connection, out object? value)
    {
        try
        {
            value = connection.Recv();
            return true;
        }
        catch (EOFError)
        {
            value = null;
            return false;
        }
    }
}
