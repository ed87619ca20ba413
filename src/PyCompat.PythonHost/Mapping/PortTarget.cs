namespace PyCompat.PythonHost.Mapping;

/// <summary>
/// A Python function that has a C# port (the <c>[PyTarget(module, name)]</c> on a static method), or a Python
/// <c>Process</c> subclass that has one (the <c>[PyClass(module, name)]</c> on a C# <c>Process</c> subclass).
/// </summary>
/// <param name="Module">The Python module, a script's file name without <c>.py</c> for its <c>__main__</c>.</param>
/// <param name="Name">The function's or class's qualified name in that module.</param>
/// <param name="IsClass">Whether this ports a Process subclass rather than a target function.</param>
public sealed record PortTarget(string Module, string Name, bool IsClass = false)
{
    /// <summary><c>module.name</c>, as Python would print the function's location.</summary>
    public override string ToString() => $"{Module}.{Name}";
}
