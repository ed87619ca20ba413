using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using PyCompat.Multiprocessing.Managers;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Tests.Managers;

/// <summary>
/// CPython's manager protocol with both ends in either language, each CPython found: CPython clients against the
/// .NET server and C# clients against a CPython server give CPython's own client-against-CPython transcript for
/// every proxy type, over a Unix socket and TCP 127.0.0.1; proxies reach children of both kinds; the server
/// refuses a wrong key and outlives clients that misbehave.
/// </summary>
public sealed class ManagerTests
{
    private static readonly string[] Transports = ["unix", "tcp"];

    private static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    private static string Json(EndPoint address) => address switch
    {
        IPEndPoint ip => JsonSerializer.Serialize(new object[] { ip.Address.ToString(), ip.Port }),
        _ => JsonSerializer.Serialize(address.ToString()),
    };

    private static SyncManager StartDotnetServer(string transport, byte[] key)
    {
        var manager = transport == "tcp"
            ? new SyncManager(new IPEndPoint(IPAddress.Loopback, 0), key)
            : new SyncManager(authkey: key);
        manager.Start();
        return manager;
    }

    private static async Task<IReadOnlyList<string>> PythonPeer(string python, string mode, string address, byte[] key)
    {
        var run = await ProgramRunner.RunAsync(python, [Python.Script("manager_peer.py"), mode, address, Convert.ToHexString(key)]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Lines;
    }

    private static async Task<IReadOnlyList<string>> CpythonReference(string python, string transport)
    {
        var key = NewKey();
        using var server = CpythonManagerServer.SyncManager(python, transport, key);
        return await PythonPeer(python, "exercise", server.FirstLine, key);
    }

    [Theory]
    [MemberData(nameof(Interpreters.AllExecutables), MemberType = typeof(Interpreters))]
    public async Task Cpython_clients_get_from_the_dotnet_server_what_they_get_from_cpythons_for_every_proxy_type(string python)
    {
        foreach (var transport in Transports)
        {
            var expected = await CpythonReference(python, transport);
            Assert.Equal(16, expected.Count); // the exercise's every line, so a short run cannot pass
            var key = NewKey();
            using var manager = StartDotnetServer(transport, key);
            Assert.Equal(expected, await PythonPeer(python, "exercise", Json(manager.Address!), key));
        }
    }

    [Theory]
    [MemberData(nameof(Interpreters.AllExecutables), MemberType = typeof(Interpreters))]
    public async Task Csharp_clients_get_from_a_cpython_server_what_cpython_clients_get_for_every_proxy_type(string python)
    {
        foreach (var transport in Transports)
        {
            var expected = await CpythonReference(python, transport);
            var key = NewKey();
            using var server = CpythonManagerServer.SyncManager(python, transport, key);
            using var client = new SyncManager(server.Address, key);
            client.Connect();
            Assert.Equal(expected, ManagerExercise.Run(client));
        }
    }

    [Fact]
    public async Task Csharp_clients_of_the_dotnet_server_get_what_cpython_clients_of_cpythons_get()
    {
        var expected = await CpythonReference(Interpreters.Default.Executable, "unix");
        using var manager = StartDotnetServer("unix", NewKey());
        Assert.Equal(expected, ManagerExercise.Run(manager));
    }

    [Theory]
    [InlineData("cpython")]
    [InlineData("dotnet")]
    public async Task A_proxy_dropped_without_dispose_gives_its_reference_back_once_it_is_collected(string serverKind)
    {
        var key = NewKey();
        var python = Interpreters.Default.Executable;
        using var cpythonServer = serverKind == "cpython" ? CpythonManagerServer.SyncManager(python, "unix", key) : null;
        using var dotnetServer = serverKind == "dotnet" ? StartDotnetServer("unix", key) : null;
        var address = cpythonServer?.FirstLine ?? Json(dotnetServer!.Address!);
        using var client = new SyncManager(cpythonServer?.Address ?? dotnetServer!.Address, key);
        client.Connect();
        int Count() => int.Parse(Assert.Single(PythonPeer(python, "count", address, key).GetAwaiter().GetResult()));

        var before = Count();
        var whileHeld = MakeTwoProxiesAndCount(client, Count);
        Assert.Equal(before + 2, whileHeld);

        // Collected, the proxies decref on a pool thread (CPython's proxy does it when its last reference goes).
        var released = before + 2;
        for (var attempt = 0; attempt < 100 && released != before; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(100);
            released = Count();
        }
        Assert.Equal(before, released);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int MakeTwoProxiesAndCount(SyncManager client, Func<int> count)
    {
        var d = client.Dict();
        d["a"] = 1;
        var l = client.List([1, 2]);
        var held = count();
        GC.KeepAlive(d);
        GC.KeepAlive(l);
        return held;
    }

    [Fact]
    public void Ten_children_of_both_kinds_lose_none_of_500_increments_through_one_dict_under_a_manager_lock()
    {
        using var manager = Manager.Start();
        var d = manager.Dict();
        d["n"] = 0;
        var @lock = manager.Lock();
        var python = ProcessTarget.Python("manager_targets", "increment", Path.GetDirectoryName(Python.Script("manager_targets.py"))!);
        var children = new List<Process>();
        for (var i = 0; i < 5; i++)
        {
            children.Add(new Process(target: ManagerTargets.Increment, args: [d, @lock, 50]));
            children.Add(new Process(python, [d, @lock, 50]));
        }
        foreach (var child in children) child.Start();
        foreach (var child in children)
        {
            child.Join(TimeSpan.FromSeconds(120));
            Assert.Equal(0, child.ExitCode);
        }
        Assert.Equal(500, d["n"]);
    }

    [Theory]
    [MemberData(nameof(Interpreters.AllExecutables), MemberType = typeof(Interpreters))]
    public async Task A_wrong_authkey_is_refused_and_the_server_keeps_serving(string python)
    {
        var key = NewKey();
        using var manager = StartDotnetServer("unix", key);
        var address = Json(manager.Address!);
        Assert.Equal(["AuthenticationError"], await PythonPeer(python, "connect", address, NewKey()));
        using (var wrong = new SyncManager(manager.Address, NewKey()))
            Assert.Throws<AuthenticationError>(wrong.Connect);
        Assert.Equal(["connected"], await PythonPeer(python, "connect", address, key));
    }

    [Fact]
    public async Task A_client_that_dies_mid_request_does_not_stop_the_server()
    {
        var key = NewKey();
        using var manager = StartDotnetServer("unix", key);
        var d = manager.Dict();
        await PythonPeer(Interpreters.Default.Executable, "die", Json(manager.Address!), key);
        d["after"] = "still served";
        Assert.Equal("still served", d["after"]);
        Assert.Equal(["connected"], await PythonPeer(Interpreters.Default.Executable, "connect", Json(manager.Address!), key));
    }

    [Theory]
    [InlineData("oversized")]
    [InlineData("garbage")]
    public async Task A_bad_request_from_an_authenticated_client_gets_an_error_reply_and_the_server_keeps_serving(string mode)
    {
        var key = NewKey();
        using var manager = StartDotnetServer("unix", key);
        var reply = Assert.Single(await PythonPeer(Interpreters.Default.Executable, mode, Json(manager.Address!), key));
        Assert.StartsWith("#TRACEBACK ", reply);
        var d = manager.Dict();
        d["after"] = 1;
        Assert.Equal(1, d["after"]);
    }

    [Fact]
    public void A_class_instance_in_a_request_is_refused_by_the_safe_options_and_the_server_keeps_serving()
    {
        using var manager = Manager.Start();
        var d = manager.Dict();
        var instance = new PyObject(new PyGlobal("os", "system"), new PyTuple("true"), ViaReduce: true);
        var refused = Assert.Throws<RemoteError>(() => d["x"] = instance);
        Assert.Contains("os.system", refused.Message);
        d["x"] = "plain";
        Assert.Equal("plain", d["x"]);
    }
}
