using PyCompat.Multiprocessing.Queues;
using Queue = PyCompat.Multiprocessing.Queues.Queue;
using PyCompat.Multiprocessing.Heap;
using PyCompat.Multiprocessing.Managers;
using PyCompat.Multiprocessing.Synchronize;
using Barrier = PyCompat.Multiprocessing.Synchronize.Barrier;
using Lock = PyCompat.Multiprocessing.Synchronize.Lock;
using Semaphore = PyCompat.Multiprocessing.Synchronize.Semaphore;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Reduction;

/// <summary>What <see cref="ReductionTable.Default"/> holds: the synchronization primitives and the shared memory
/// under them (rebuilt from CPython's classes), connections, queues, manager proxies and the standard streams. Add a
/// new kind of shared object here.</summary>
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
        .WithRebuilder(Queue.Class, Queue.Rebuild)
        // concurrent.futures' call queue: a Queue subclass whose pickle is Queue's state under its own class name.
        .WithRebuilder(Pooling.ExecutorNames.SafeQueue, Queue.Rebuild)
        .WithRebuilder(JoinableQueue.Class, JoinableQueue.Rebuild)
        .WithRebuilder(Barrier.Class, Barrier.Rebuild)
        .WithRebuilder(Arena.RebuildArena, (p, _) => Arena.Rebuild(p))
        .WithRebuilder(BufferWrapper.Class, BufferWrapper.Rebuild)
        .WithRebuilder(StandardStreams.GetAttr, (p, _) => StandardStreams.Rebuild(p))
        .WithReducer<TextWriter>((writer, _) => StandardStreams.Reduce(writer))
        .WithReducer<TextReader>((reader, _) => StandardStreams.Reduce(reader))
        // A manager proxy: CPython's RebuildProxy(...), with the authkey, as a spawning parent pickles it; rebuilt in
        // the child without a reference of its own (the parent's keeps the object), as under CPython's _inheriting.
        .WithReducer<BaseProxy>((proxy, _) => proxy.Reduce(withAuthKey: true))
        .WithRebuilder(ManagerPickles.RebuildProxy, (p, _) => RebuildProxy.Rebuild(p, inheriting: true));
}
