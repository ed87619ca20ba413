namespace PyCompat.Multiprocessing;

/// <summary>
/// Marks a static method as the C# port of a Python function, so that a process whose target CPython pickled as
/// <c>module.name</c> runs this method instead (mapped mode), and a C# <see cref="Process"/> names its target that way.
/// </summary>
/// <example><c>[PyTarget("multiprocessing_simpleargs", "worker")] public static void Worker(int num)</c></example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class PyTargetAttribute(string module, string name) : Attribute
{
    /// <summary>The Python module, as the script's file name without <c>.py</c> (not <c>__main__</c>).</summary>
    public string Module { get; } = module;

    /// <summary>The function's name in that module.</summary>
    public string Name { get; } = name;
}
