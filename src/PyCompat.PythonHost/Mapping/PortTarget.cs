namespace PyCompat.PythonHost.Mapping;

/// <summary>A Python function that has a C# port: the <c>[PyTarget(module, name)]</c> on a static method.</summary>
/// <param name="Module">The Python module, a script's file name without <c>.py</c> for its <c>__main__</c>.</param>
/// <param name="Name">The function's qualified name in that module.</param>
public sealed record PortTarget(string Module, string Name)
{
    /// <summary><c>module.name</c>, as Python would print the function's location.</summary>
    public override string ToString() => $"{Module}.{Name}";
}
