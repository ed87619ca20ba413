using PyCompat.Multiprocessing.Queues;
using PyCompat.Multiprocessing.Synchronize;
using Lock = PyCompat.Multiprocessing.Synchronize.Lock;
using Semaphore = PyCompat.Multiprocessing.Synchronize.Semaphore;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Reduction;

/// <summary>What <see cref="ReductionTable.Default"/> holds: the synchronization primitives (rebuilt from CPython's
/// classes), connections, queues, and the standard streams. Add a new kind of shared object here.</summary>
internal static class DefaultReductions
{
    public static ReductionTable Add(ReductionTable table) => table
        .WithRebuilder(Lock.Class, (p, _) => new Lock(SemLockObject.Open(p, SemLockKind.Semaphore)))
        .WithRebuilder(RLock.Class, (p, _) => new RLock(SemLockObject.Open(p, SemLockKind.RecursiveMutex)))
        .WithRebuilder(Semaphore.Class, (p, _) => Semaphore.Wrap(SemLockObject.Open(p, SemLockKind.Semaphore)))
        .WithRebuilder(BoundedSemaphore.Class, (p, _) => new BoundedSemaphore(SemLockObject.Open(p, SemLockKind.Semaphore)))
        .WithRebuilder(Condition.Class, Condition.Rebuild)
        .WithRebuilder(Event.Class, Event.Rebuild)
        .WithRebuilder(ConnectionReduction.RebuildConnection, (p, _) => ConnectionReduction.Rebuild(p))
        .WithReducer<Connection>(ConnectionReduction.Reduce)
        .WithRebuilder(SimpleQueue.Class, SimpleQueue.Rebuild)
        .WithRebuilder(StandardStreams.GetAttr, (p, _) => StandardStreams.Rebuild(p))
        .WithReducer<TextWriter>((writer, _) => StandardStreams.Reduce(writer))
        .WithReducer<TextReader>((reader, _) => StandardStreams.Reduce(reader));
}
