namespace PyCompat.Multiprocessing.Queues;

/// <summary>Python's <c>queue.Empty</c>: <c>Get</c> found no item, without blocking or within its timeout.</summary>
public sealed class Empty() : Exception("queue.Empty: no item came (the queue was empty when get() gave up)");

/// <summary>Python's <c>queue.Full</c>: <c>Put</c> found the queue at its maxsize, without blocking or within its timeout.</summary>
public sealed class Full() : Exception("queue.Full: the queue stayed at its maxsize until put() gave up");
