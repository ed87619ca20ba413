namespace PyCompat.Pickling.Reading;

/// <summary>
/// The state of one decode that PyCompat's constructors need: they are shared, stateless objects that Razorvine
/// calls with the arguments only, and decoding runs on the calling thread from start to end, so the context is
/// thread-local.
/// </summary>
internal sealed class DecodeContext(PickleLoadOptions options)
{
    [ThreadStatic] private static DecodeContext? _current;

    /// <summary>The decode running on this thread; the defaults when a constructor is used outside one.</summary>
    public static DecodeContext Current => _current ?? new DecodeContext(PickleLoadOptions.Default);

    public PickleLoadOptions Options { get; } = options;

    // Made when first used: most pickles (a queue item, a pool task) need neither, and a decode of a small pickle
    // allocated these two collections whatever it held.
    private Queue<object>? _buffers;
    private HashSet<object>? _hashableTuples;

    /// <summary>Large bytes and decoded strings the transcoder took out of the stream, in NEXT_BUFFER order.</summary>
    public Queue<object> Buffers => _buffers ??= new();

    /// <summary>Tuples (Razorvine's object[]) found hashable: see <see cref="Hashability"/>.</summary>
    public HashSet<object> HashableTuples => _hashableTuples ??= new(ReferenceEqualityComparer.Instance);

    /// <summary>Makes this the thread's context until the returned scope is disposed.</summary>
    public Scope Enter()
    {
        var previous = _current;
        _current = this;
        return new Scope(previous);
    }

    public readonly struct Scope(DecodeContext? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }
}
