using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace PyCompat.Multiprocessing.Tests.Managers;

/// <summary>A CPython SyncManager server (python/manager_peer.py serve) for as long as the object lives.</summary>
public sealed class CpythonManagerServer : IDisposable
{
    private readonly System.Diagnostics.Process _process;

    public CpythonManagerServer(string python, string transport, byte[] authkey)
    {
        var info = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Python.Script("manager_peer.py"), "serve", transport, Convert.ToHexString(authkey) })
            info.ArgumentList.Add(arg);
        _process = System.Diagnostics.Process.Start(info)!;
        AddressJson = _process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException("the CPython manager server printed no address");
        using var json = JsonDocument.Parse(AddressJson);
        Address = json.RootElement.ValueKind == JsonValueKind.String
            ? new UnixDomainSocketEndPoint(json.RootElement.GetString()!)
            : new IPEndPoint(IPAddress.Parse(json.RootElement[0].GetString()!), json.RootElement[1].GetInt32());
    }

    /// <summary>The address as manager_peer.py takes it (JSON).</summary>
    public string AddressJson { get; }

    public EndPoint Address { get; }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(20))) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
