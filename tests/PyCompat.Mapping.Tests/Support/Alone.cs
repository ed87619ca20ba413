namespace PyCompat.Mapping.Tests.Support;

/// <summary>
/// The tests that run with no other test beside them: the book's scripts time their processes with sleep() (the event
/// script's child waits 2 s for an Event set at 3 s), which a .NET child's start-up under a loaded machine can outlast,
/// and the load test, which loads the machine. xunit runs a collection that disables parallelization after the others,
/// one test at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Alone
{
    public const string Name = "alone";
}
