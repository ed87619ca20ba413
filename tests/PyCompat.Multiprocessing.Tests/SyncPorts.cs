using PyCompat.Multiprocessing.Spawn;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>Where python/sync_ports.py's targets and the worker apphost a CPython parent starts are.</summary>
public static class SyncPorts
{
    /// <summary>The folder of sync_ports.py, for a CPython child's sys.path.</summary>
    public static string Folder => Path.GetDirectoryName(Python.Script("sync_ports.py"))!;

    /// <summary>A sync_ports function as a CPython child's target.</summary>
    public static ProcessTarget Target(string name) => ProcessTarget.Python("sync_ports", name, Folder);

    /// <summary>The pycompat-worker apphost, the executable python/sync_parent.py gives its .NET children.</summary>
    public static string Worker => WorkerLocator.Locate() is { Prefix.Length: 0 } w ? w.Executable
        : throw new InvalidOperationException("the tests need the pycompat-worker apphost beside them");
}
