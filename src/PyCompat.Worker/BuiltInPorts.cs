using System.Reflection;

namespace PyCompat.Worker;

/// <summary>
/// The assemblies whose <c>[PyTarget]</c> ports ship with <c>pycompat-worker</c>: known at build time, so they need
/// no <c>--targets</c>, and a NativeAOT-published worker has them compiled in.
/// </summary>
public static class BuiltInPorts
{
    /// <summary>The book's ports and its imported worker module.</summary>
    public static IReadOnlyList<Assembly> Assemblies { get; } =
        [typeof(PyCompat.Examples.ExampleCatalog).Assembly, typeof(PyCompat.Examples.ImportWorker.MultiprocessingImportWorker).Assembly];
}
