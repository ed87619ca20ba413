namespace PyCompat.Multiprocessing.Pool;

/// <summary>
/// One end of a pool's queue as the worker loop uses it: whole pickled messages, so a task that runs elsewhere (see
/// <see cref="PythonTaskRunner"/>) and its result are passed on byte for byte, never decoded and pickled again.
/// </summary>
internal interface IPoolQueue
{
    /// <summary>The next message (CPython's <c>SimpleQueue.get</c> before <c>loads</c>).</summary>
    /// <exception cref="EOFError">every writer has closed the queue.</exception>
    /// <exception cref="OSError">the queue is closed or broken.</exception>
    byte[] GetBytes();

    /// <summary>Sends one pickled message (CPython's <c>SimpleQueue.put</c> after <c>dumps</c>).</summary>
    void PutBytes(ReadOnlySpan<byte> message);

    /// <summary>Closes the end this process does not use, as <c>worker()</c> closes <c>inqueue._writer</c> and <c>outqueue._reader</c>.</summary>
    void CloseUnusedEnd(bool reading);
}
