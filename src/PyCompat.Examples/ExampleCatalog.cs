using System.Reflection;
using PyCompat.Multiprocessing;

namespace PyCompat.Examples;

/// <summary>The C# ports of the book's scripts, by the script's name.</summary>
public static class ExampleCatalog
{
    /// <summary>
    /// The assemblies that hold the book's <c>[PyTarget]</c> ports: this one and the imported worker module's. A worker
    /// host is given these (by path, or compiled in) and scans them, so a port added to either is found with no list.
    /// </summary>
    public static IReadOnlyList<Assembly> PortAssemblies { get; } =
        [typeof(ExampleCatalog).Assembly, typeof(ImportWorker.MultiprocessingImportWorker).Assembly];

    /// <summary>Every ported script's name, sorted.</summary>
    public static IReadOnlyList<string> Names => [.. Scanned.Ports.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The port's <c>Main</c>, or null when <paramref name="name"/> has no port.</summary>
    public static Action? Find(string name) =>
        Scanned.Ports.TryGetValue(name, out var main) ? main.CreateDelegate<Action>() : null;

    /// <summary>The scan for <c>[PyExample]</c>, on a class of its own so that it runs at the first Names or Find: the
    /// book's worker reads only <see cref="PortAssemblies"/>, and the scan was ~20% of a NativeAOT worker child's time.</summary>
    private static class Scanned
    {
        public static readonly IReadOnlyDictionary<string, MethodInfo> Ports = PyExampleAttribute.PortsIn([typeof(ExampleCatalog).Assembly]);
    }
}
