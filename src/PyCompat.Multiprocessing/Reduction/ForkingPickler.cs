using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Reduction;

/// <summary>
/// CPython's <c>reduction.ForkingPickler.dumps</c> and <c>loads</c> as queues use them for their items: protocol 4
/// (<c>pickle.DEFAULT_PROTOCOL</c> of 3.8-3.13), and <see cref="ReductionTable.Default"/> for live objects, so a lock
/// put on a queue fails as in CPython ("... should only be shared between processes through inheritance").
/// </summary>
internal static class ForkingPickler
{
    public const int Protocol = 4;

    /// <exception cref="PicklingError">the value has no Python equivalent.</exception>
    /// <exception cref="InvalidOperationException">a live object that travels only to a child being started.</exception>
    public static byte[] Dumps(object? value) => PyPickle.Dumps(value, ReductionTable.Default, Protocol);

    public static object? Loads(byte[] data, PickleLoadOptions options) => PyPickle.Loads(data, options);
}
