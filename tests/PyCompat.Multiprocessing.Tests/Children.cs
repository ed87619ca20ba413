using PyCompat.Multiprocessing.Spawn;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>What the tests that start children of both kinds share: the worker host, and joining with patience.</summary>
public static class Children
{
    /// <summary>How long a child may take on a loaded machine before the test fails.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>The pycompat-worker apphost beside the tests, which a CPython parent sets as its spawn executable.</summary>
    public static string Worker => WorkerLocator.Locate() is { Prefix.Length: 0 } w ? w.Executable
        : throw new InvalidOperationException("the tests need the pycompat-worker apphost beside them");

    /// <summary>Joins each child and asserts it exited with 0.</summary>
    public static void JoinAll(IEnumerable<Process> children)
    {
        foreach (var child in children)
        {
            child.Join(Patience);
            Assert.Equal(0, child.ExitCode);
        }
    }
}
