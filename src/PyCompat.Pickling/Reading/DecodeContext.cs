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

    /// <summary>Large bytes and decoded strings the transcoder took out of the stream, in NEXT_BUFFER order.</summary>
    public Queue<object> Buffers { get; } = new();

    /// <summary>Tuples (Razorvine's object[]) found hashable: see <see cref="Hashability"/>.</summary>
    public HashSet<object> HashableTuples { get; } = new(ReferenceEqualityComparer.Instance);

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
