using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace PyCompat.Multiprocessing.Tests.Managers;

/// <summary>A CPython manager server (a script of python/ that prints its address, then serves until its stdin
/// closes) for as long as the object lives.</summary>
public sealed class CpythonManagerServer : IDisposable
{
    private readonly System.Diagnostics.Process _process;

    /// <summary>Runs <c>python script args...</c> and reads the first line it prints.</summary>
    public CpythonManagerServer(string python, string script, params string[] args)
    {
        var info = new ProcessStartInfo(python) { RedirectStandardInput = true, RedirectStandardOutput = true };
        foreach (var arg in (string[])[Python.Script(script), .. args]) info.ArgumentList.Add(arg);
        _process = System.Diagnostics.Process.Start(info)!;
        FirstLine = _process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"{script} printed nothing: it did not start serving");
    }

    /// <summary>python/manager_peer.py's SyncManager server on <paramref name="transport"/> (unix or tcp).</summary>
    public static CpythonManagerServer SyncManager(string python, string transport, byte[] authkey) =>
        new(python, "manager_peer.py", "serve", transport, Convert.ToHexString(authkey));

    /// <summary>What the server printed first: its address as JSON for manager_peer.py, its port for manager_tcp.py.</summary>
    public string FirstLine { get; }

    /// <summary>The address manager_peer.py printed.</summary>
    public EndPoint Address
    {
        get
        {
            using var json = JsonDocument.Parse(FirstLine);
            return json.RootElement.ValueKind == JsonValueKind.String
                ? new UnixDomainSocketEndPoint(json.RootElement.GetString()!)
                : new IPEndPoint(IPAddress.Parse(json.RootElement[0].GetString()!), json.RootElement[1].GetInt32());
        }
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(20))) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
