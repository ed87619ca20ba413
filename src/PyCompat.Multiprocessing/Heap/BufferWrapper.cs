using PyCompat.Multiprocessing.Reduction;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Heap;

/// <summary>
/// CPython's <c>multiprocessing.heap.BufferWrapper</c>: a block of shared memory, <c>(arena, start, stop)</c>, that
/// travels to a child with its arena. It pickles as CPython's does (the class, then <c>{'_state': ((arena, start, stop),
/// size)}</c>), so a block a C# parent allocates is the same memory in a CPython child, and the reverse.
/// </summary>
/// <remarks>CPython's <c>Heap</c> carves many blocks out of one arena; here each block has an arena of its own (a
/// page), which pickles the same and is rebuilt the same. Barrier's state (two ints) and sharedctypes use it.</remarks>
internal sealed unsafe class BufferWrapper : IReduceForChild, IDisposable
{
    internal static readonly PyGlobal Class = new("multiprocessing.heap", "BufferWrapper");

    /// <summary>CPython's <c>Heap._alignment</c>: blocks start and end on this boundary.</summary>
    private const int Alignment = 8;

    private BufferWrapper(Arena arena, int start, int stop, int size)
    {
        Arena = arena;
        Start = start;
        Stop = stop;
        Size = size;
    }

    /// <summary>The arena the block lies in.</summary>
    public Arena Arena { get; }

    /// <summary>The block's first byte in the arena.</summary>
    public int Start { get; }

    /// <summary>The block's end in the arena (its size rounded up to the alignment).</summary>
    public int Stop { get; }

    /// <summary>The size asked for.</summary>
    public int Size { get; }

    /// <summary>The block's first byte in this process's mapping.</summary>
    public byte* Pointer => Arena.Address + Start;

    /// <summary>The block as bytes (CPython's <c>create_memoryview()</c>).</summary>
    public Span<byte> Memory => new(Pointer, Size);

    /// <summary>A new zero-filled block of <paramref name="size"/> bytes in shared memory.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a negative size ("Size -1 out of range", as CPython says).</exception>
    public static BufferWrapper Create(int size)
    {
        if (size < 0) throw new ArgumentOutOfRangeException(nameof(size), $"Size {size} out of range");
        var stop = RoundUp(Math.Max(size, 1), Alignment);
        return new BufferWrapper(Arena.Create(RoundUp(stop, Environment.SystemPageSize)), 0, stop, size);
    }

    private static int RoundUp(int n, int alignment) => (n + alignment - 1) & ~(alignment - 1);

    object? IReduceForChild.ReduceForChild(SpawningPopen popen) =>
        new PyObject(Class, PyTuple.Empty, new Dictionary<string, object?>
        {
            ["_state"] = new PyTuple(new PyTuple(Arena, Start, Stop), Size),
        });

    /// <summary>Rebuilds a parent's pickled <c>BufferWrapper</c> over the arena it names.</summary>
    /// <exception cref="InvalidDataException">the state is not <c>{'_state': ((arena, start, stop), size)}</c>.</exception>
    internal static BufferWrapper Rebuild(PyObject pickled, ReductionTable table)
    {
        if (pickled.State is IReadOnlyDictionary<object?, object?> dict && dict.TryGetValue("_state", out var state)
            && state is PyTuple and [PyTuple and [var arena, int start, int stop], int size]
            && table.TryRebuild(arena, out var live) && live is Arena rebuilt)
        {
            if (start < 0 || size < 0 || start + size > stop || stop > rebuilt.Size)
                throw new InvalidDataException($"cannot rebuild a {Class}: the block ({start}, {stop}) of {size} bytes lies outside its arena of {rebuilt.Size} bytes");
            return new BufferWrapper(rebuilt, start, stop, size);
        }
        throw new InvalidDataException($"cannot rebuild a {Class}: its state is not {{'_state': ((arena, start, stop), size)}} "
            + "as CPython's BufferWrapper pickles it");
    }

    /// <summary>Closes the arena in this process.</summary>
    public void Dispose() => Arena.Dispose();
}
