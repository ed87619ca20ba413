namespace PyCompat.PythonHost.Mapping;

/// <summary>
/// Mapped mode (<c>pycompat run --map</c>): a process whose target has a C# port runs in the .NET worker host, fed
/// by CPython's own spawn pickles; any other process runs in CPython as usual.
/// </summary>
/// <param name="Targets">Assemblies with more ports (<c>--targets</c>), beyond the ones the worker host ships with.</param>
/// <param name="Strict">Stop the run before starting a process whose target has no port (<c>--strict</c>).</param>
public sealed record MapOptions(IReadOnlyList<string> Targets, bool Strict = false);
