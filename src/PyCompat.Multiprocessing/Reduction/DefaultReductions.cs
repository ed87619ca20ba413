using PyCompat.Multiprocessing.Managers;
using PyCompat.Multiprocessing.Synchronize;
using Lock = PyCompat.Multiprocessing.Synchronize.Lock;
using Semaphore = PyCompat.Multiprocessing.Synchronize.Semaphore;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Reduction;

/// <summary>What <see cref="ReductionTable.Default"/> holds: the synchronization primitives (rebuilt from CPython's
/// classes), the standard streams and manager proxies. Add a new kind of shared object here.</summary>
internal static class DefaultReductions
{
    public static ReductionTable Add(ReductionTable table) => table
        .WithRebuilder(Lock.Class, (p, _) => new Lock(SemLockObject.Open(p, SemLockKind.Semaphore)))
        .WithRebuilder(RLock.Class, (p, _) => new RLock(SemLockObject.Open(p, SemLockKind.RecursiveMutex)))
        .WithRebuilder(Semaphore.Class, (p, _) => Semaphore.Wrap(SemLockObject.Open(p, SemLockKind.Semaphore)))
        .WithRebuilder(BoundedSemaphore.Class, (p, _) => new BoundedSemaphore(SemLockObject.Open(p, SemLockKind.Semaphore)))
        .WithRebuilder(Condition.Class, Condition.Rebuild)
        .WithRebuilder(Event.Class, Event.Rebuild)
        .WithRebuilder(StandardStreams.GetAttr, (p, _) => StandardStreams.Rebuild(p))
        .WithReducer<TextWriter>((writer, _) => StandardStreams.Reduce(writer))
        .WithReducer<TextReader>((reader, _) => StandardStreams.Reduce(reader))
        // A manager proxy: CPython's RebuildProxy(...), with the authkey, as a spawning parent pickles it; rebuilt in
        // the child without a reference of its own (the parent's keeps the object), as under CPython's _inheriting.
        .WithReducer<BaseProxy>((proxy, _) => proxy.Reduce(withAuthKey: true))
        .WithRebuilder(ManagerPickles.RebuildProxy, (p, _) => RebuildProxy.Rebuild(p, inheriting: true));
}
