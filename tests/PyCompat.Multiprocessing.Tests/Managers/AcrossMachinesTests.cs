using System.Net;
using System.Security.Cryptography;
using PyCompat.Multiprocessing.Managers;

namespace PyCompat.Multiprocessing.Tests.Managers;

/// <summary>
/// docs/managers.md's example across machines, on TCP 127.0.0.1: a queue served by a BaseManager, with clients of
/// both languages putting and getting, once with a .NET server and once with CPython's (python/manager_tcp.py).
/// </summary>
public sealed class AcrossMachinesTests
{
    private static Task<RunResult> Peer(params string[] args) =>
        ProgramRunner.RunAsync(Interpreters.Default.Executable, [Python.Script("manager_tcp.py"), .. args]);

    [Fact]
    public async Task Clients_of_both_languages_share_a_queue_a_dotnet_server_serves_over_tcp()
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var jobs = SharedObjects.Queue();
        using var server = new BaseManager(new IPEndPoint(IPAddress.Loopback, 0), key)
            .Register("get_queue", (_, _) => jobs);
        server.Start();
        var port = ((IPEndPoint)server.Address!).Port.ToString();

        var put = await Peer("put", port, Convert.ToHexString(key), "from python");
        Assert.True(put.ExitCode == 0, put.ToString());
        using var client = new BaseManager(new IPEndPoint(IPAddress.Loopback, int.Parse(port)), key).Register("get_queue");
        client.Connect();
        var queue = (AutoProxy)client.Create("get_queue");
        queue.Invoke("put", "from C#");

        var got = await Peer("get", port, Convert.ToHexString(key), "2");
        Assert.True(got.ExitCode == 0, got.ToString());
        Assert.Equal(["from python", "from C#"], got.Lines);
    }

    [Fact]
    public async Task A_csharp_client_shares_a_queue_a_cpython_server_serves_over_tcp_with_cpython_clients()
    {
        var key = RandomNumberGenerator.GetBytes(16);
        using var python = new CpythonManagerServer(Interpreters.Default.Executable, "manager_tcp.py", "serve", Convert.ToHexString(key));
        var port = python.FirstLine;
        using var client = new BaseManager(new IPEndPoint(IPAddress.Loopback, int.Parse(port)), key).Register("get_queue");
        client.Connect();
        var queue = (AutoProxy)client.Create("get_queue");
        queue.Invoke("put", "from C#");
        var put = await Peer("put", port, Convert.ToHexString(key), "from python");
        Assert.True(put.ExitCode == 0, put.ToString());
        Assert.Equal("from C#", queue.Invoke("get"));
        Assert.Equal("from python", queue.Invoke("get"));
        Assert.Equal(0, queue.Invoke("qsize"));
    }

    [Fact]
    public void Registered_csharp_classes_are_served_through_their_public_methods()
    {
        using var server = new BaseManager().Register("Counter", (args, _) => new Counter(Convert.ToInt32(args[0])));
        server.Start();
        var counter = (AutoProxy)server.Create("Counter", 40);
        counter.Invoke("add", 2);
        Assert.Equal(42, counter.Invoke("get_value"));
        Assert.Contains("get_value", counter.Exposed);
        var error = Assert.Throws<PythonError>(() => counter.Invoke("add", "not a number"));
        Assert.Equal("TypeError", error.TypeName);
    }

    public sealed class Counter(int start)
    {
        private int _value = start;

        public void Add(int n) => _value += n;

        public int GetValue() => _value;
    }
}
