namespace PyCompat.PythonHost.Running;

/// <summary>The start methods <c>--start-method</c> accepts.</summary>
public static class StartMethods
{
    /// <summary>CPython's <c>fork</c>: the child is a copy of the host; the runner keeps .NET out of it.</summary>
    public const string Fork = "fork";

    /// <summary>CPython's <c>spawn</c>: each child is a new interpreter process.</summary>
    public const string Spawn = "spawn";

    /// <summary>CPython's <c>forkserver</c>: children are forked from a plain CPython server process.</summary>
    public const string Forkserver = "forkserver";

    /// <summary>All of them, in the order help text lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Fork, Spawn, Forkserver];
}
