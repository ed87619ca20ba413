namespace PyCompat.PythonHost.Bridge;

/// <summary>The outcome of looking up the Python class <c>module.name</c> that a <c>[PyClass]</c> C# class ports.</summary>
/// <param name="Module">The Python module.</param>
/// <param name="Name">The class's name in it.</param>
/// <param name="Status">What was found (<see cref="LookupStatus.NoSignature"/>: the name is not a class).</param>
/// <param name="Description">How Python shows it when found: <c>class Worker(multiprocessing.context.Process)</c>.</param>
/// <param name="IsProcess">Whether the class derives from <c>multiprocessing.process.BaseProcess</c>.</param>
/// <param name="DefinesRun">Whether the class (not only a base of multiprocessing's) defines <c>run</c>.</param>
/// <param name="Problem">Why not found, otherwise: one line, e.g. Python's own error.</param>
public sealed record PythonClassLookup(string Module, string Name, LookupStatus Status, string? Description = null,
    bool IsProcess = false, bool DefinesRun = false, string? Problem = null);
