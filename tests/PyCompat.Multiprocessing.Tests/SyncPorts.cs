namespace PyCompat.Multiprocessing.Tests;

/// <summary>Where python/sync_ports.py's targets are (the worker apphost a CPython parent starts: <see cref="Children.Worker"/>).</summary>
public static class SyncPorts
{
    /// <summary>The folder of sync_ports.py, for a CPython child's sys.path.</summary>
    public static string Folder => Path.GetDirectoryName(Python.Script("sync_ports.py"))!;

    /// <summary>A sync_ports function as a CPython child's target.</summary>
    public static ProcessTarget Target(string name) => ProcessTarget.Python("sync_ports", name, Folder);
}
