using Conn = PyCompat.Multiprocessing.Connection;

namespace PyCompat.Multiprocessing.Tests.Connection;

/// <summary>Each misuse of a connection fails with CPython's exception and words, read from CPython at test time.</summary>
public sealed class MisuseWordingTests
{
    [Fact]
    public async Task Every_misuse_fails_with_the_exception_and_message_CPython_gives()
    {
        var result = await Python.RunAsync([Python.Script("connection_peer.py"), "misuse"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var expected = result.Lines.Select(line => line.Split(": ", 3))
            .ToDictionary(parts => parts[0], parts => (Type: parts[1], Message: parts.ElementAtOrDefault(2) ?? ""));
        var ours = OurCases();
        Assert.Equal(expected.Keys.Order(), ours.Keys.Order());
        foreach (var (name, (type, message)) in expected)
        {
            var (ourType, ourMessage) = ours[name];
            Assert.True(type == ourType, $"{name}: CPython raises {type}, we raise {ourType} ({ourMessage})");
            Assert.True(ourMessage.StartsWith(message, StringComparison.Ordinal),
                $"{name}: CPython says '{message}', we say '{ourMessage}'");
        }
    }

    private static Dictionary<string, (string Type, string Message)> OurCases()
    {
        var cases = new Dictionary<string, (string, string)>();
        void Case(string name, Action action)
        {
            try
            {
                action();
                cases[name] = ("no error", "");
            }
            catch (Exception e)
            {
                cases[name] = Describe(e);
            }
        }

        var ten = "0123456789"u8.ToArray();
        var (a, b) = Conn.Pipe();
        Case("send_bytes offset -1", () => a.SendBytes(ten, -1));
        Case("send_bytes offset 11", () => a.SendBytes(ten, 11));
        Case("send_bytes size -1", () => a.SendBytes(ten, 2, -1));
        Case("send_bytes offset 4 size 7", () => a.SendBytes(ten, 4, 7));
        Case("recv_bytes maxlength -1", () => a.RecvBytes(-1));
        Case("recv_bytes_into offset -1", () => a.RecvBytesInto(new byte[4], -1));
        Case("recv_bytes_into offset 5", () => a.RecvBytesInto(new byte[4], 5));
        b.SendBytes(ten);
        Case("recv_bytes_into short buffer", () => a.RecvBytesInto(new byte[4]));
        b.SendBytes(ten);
        Case("recv_bytes maxlength 4", () => a.RecvBytes(4));
        Case("recv after bad length", () => a.RecvBytes());
        a.Close();
        var (c, d) = Conn.Pipe();
        d.Close();
        Case("recv after peer closed", () => c.Recv());
        Case("fileno closed", () => a.Fileno());
        Case("send closed", () => a.Send(1));
        var (r, w) = Conn.Pipe(duplex: false);
        Case("recv on write end", () => w.Recv());
        Case("send on read end", () => r.Send(1));
        foreach (var end in new[] { b, c, r, w }) end.Dispose();
        return cases;
    }

    /// <summary>Our exception as CPython would print it: ArgumentException is ValueError; BufferTooShort's str is the
    /// repr of the message it carries.</summary>
    private static (string Type, string Message) Describe(Exception e) => e switch
    {
        ArgumentException argument => ("ValueError", argument.Message),
        BufferTooShort tooShort => ("BufferTooShort", Pickling.PyRepr.Repr(tooShort.Received)),
        _ => (e.GetType().Name, e.Message),
    };
}
