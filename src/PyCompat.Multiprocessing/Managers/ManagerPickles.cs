using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>
/// What the manager protocol's pickles may rebuild beyond the value table, for clients and servers alike: tokens,
/// proxies (<c>RebuildProxy</c>), the SyncManager's own value types, and the exceptions a method raises. Nothing is
/// ever called: these classes only become <see cref="PyObject"/>s (see <see cref="PickleLoadOptions"/>).
/// </summary>
internal static class ManagerPickles
{
    /// <summary>The function CPython pickles a proxy with.</summary>
    public static PyGlobal RebuildProxy { get; } = new("multiprocessing.managers", "RebuildProxy");

    private static readonly string[] s_builtinExceptions =
    [
        "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BrokenPipeError", "BufferError",
        "ConnectionError", "ConnectionResetError", "EOFError", "Exception", "FileExistsError", "FileNotFoundError",
        "IndexError", "KeyError", "LookupError", "MemoryError", "NameError", "NotImplementedError", "OSError",
        "OverflowError", "PermissionError", "RecursionError", "RuntimeError", "StopIteration", "TimeoutError",
        "TypeError", "UnicodeDecodeError", "UnicodeEncodeError", "ValueError", "ZeroDivisionError",
    ];

    /// <summary>The classes and callables the manager's pickles construct.</summary>
    public static IReadOnlySet<PyGlobal> Globals { get; } = new HashSet<PyGlobal>(
        s_builtinExceptions.Select(name => new PyGlobal("builtins", name)).Concat(
        [
            Token.Class, RebuildProxy,
            new("multiprocessing.managers", "Namespace"), new("multiprocessing.managers", "Value"),
            new("multiprocessing.managers", "RemoteError"), new("multiprocessing.process", "AuthenticationString"),
            new("queue", "Empty"), new("queue", "Full"), new("_queue", "Empty"), new("array", "array"),
            // CPython's server sends dict views as list(view), by REDUCE (managers.py rebuild_as_list).
            new("builtins", "list"),
        ]));

    /// <summary>How a client decodes a server's replies: the safe defaults plus <see cref="Globals"/>.</summary>
    public static PickleLoadOptions ClientOptions { get; } = PickleLoadOptions.Default.Allow(Globals);

    /// <summary>How a server decodes its clients' requests unless the user opts in to more: the safe defaults plus
    /// <see cref="Globals"/>, and requests of at most <see cref="DefaultMaxRequestLength"/> bytes.</summary>
    public static PickleLoadOptions ServerOptions { get; } = PickleLoadOptions.Default.Allow(Globals) with
    {
        MaxInputLength = DefaultMaxRequestLength,
    };

    /// <summary>The longest request a server reads by default: 64 MiB; a longer one gets an error reply.</summary>
    public const int DefaultMaxRequestLength = 64 << 20;
}
