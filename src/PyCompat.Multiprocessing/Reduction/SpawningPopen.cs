namespace PyCompat.Multiprocessing.Reduction;

/// <summary>
/// The child a parent is pickling for, while it pickles (CPython's <c>context.get_spawning_popen()</c>): objects that
/// can only travel to a child being started (locks, pipe ends) check for it, and those that need a file descriptor in
/// the child hand it over with <see cref="DuplicateForChild"/>, as CPython's <c>DupFd</c> does under spawn.
/// </summary>
public sealed class SpawningPopen
{
    [ThreadStatic] private static SpawningPopen? _current;
    private readonly List<int> _fds = [];

    // Made by the spawn itself (and the tests): a user's IReduceForChild is handed one, never makes one.
    internal SpawningPopen() { }

    /// <summary>The child being pickled for on this thread, or null outside spawning.</summary>
    public static SpawningPopen? Current => _current;

    /// <summary>The fds the child must receive at the same numbers (CPython's <c>Popen._fds</c>).</summary>
    internal IReadOnlyList<int> Fds => _fds;

    /// <summary>CPython's <c>duplicate_for_child(fd)</c> on POSIX: the child gets <paramref name="fd"/> at the same
    /// number, so the number itself goes into the pickle.</summary>
    public int DuplicateForChild(int fd)
    {
        if (!_fds.Contains(fd)) _fds.Add(fd);
        return fd;
    }

    /// <summary>CPython's <c>context.assert_spawning(obj)</c>: such an object pickles only for a child being started.</summary>
    /// <exception cref="InvalidOperationException">nothing is being spawned on this thread (Python's RuntimeError).</exception>
    public static SpawningPopen AssertSpawning(object obj) => _current ?? throw new InvalidOperationException(
        $"{obj.GetType().Name} objects should only be shared between processes through inheritance: pass it as an "
        + "argument of a Process (it is pickled when the Process starts), not through a queue or pickle.dumps");

    /// <summary>Makes <paramref name="popen"/> the current child on this thread until the scope is disposed.</summary>
    internal static Scope Enter(SpawningPopen popen)
    {
        var previous = _current;
        _current = popen;
        return new Scope(previous);
    }

    internal readonly struct Scope(SpawningPopen? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }
}
