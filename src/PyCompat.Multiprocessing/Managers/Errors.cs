using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>
/// CPython's <c>multiprocessing.managers.RemoteError</c>: the server failed outside the shared object's own method
/// (an unknown id, a method not exposed, a request it could not read, a reply it could not pickle) and sent the
/// traceback text ('#TRACEBACK'). The message is CPython's <c>str(err)</c>: the text between two rules of 75 dashes.
/// </summary>
public sealed class RemoteError(string traceback)
    : ProcessError("\n" + new string('-', 75) + "\n" + traceback + new string('-', 75))
{
    /// <summary>The server's traceback text (CPython's <c>err.args[0]</c>).</summary>
    public string Traceback { get; } = traceback;
}

/// <summary>
/// The exception the shared object's method raised in the server ('#ERROR'), as CPython's client re-raises it:
/// <see cref="TypeName"/> is its Python class (<c>KeyError</c>, <c>AttributeError</c>, <c>queue.Empty</c>...) and
/// <see cref="Exception.Message"/> its <c>str()</c>, so a missing Namespace attribute reads
/// "'Namespace' object has no attribute 'value'" as in CPython.
/// </summary>
public sealed class PythonError : Exception
{
    /// <summary>An exception of Python class <paramref name="pythonClass"/> with arguments <paramref name="args"/>.</summary>
    public PythonError(PyGlobal pythonClass, params object?[] args)
        : base(StrOf(pythonClass, args))
    {
        PythonClass = pythonClass;
        Args = new PyTuple(args);
    }

    /// <summary>The Python class, e.g. <c>builtins.KeyError</c>.</summary>
    public PyGlobal PythonClass { get; }

    /// <summary>The short name Python prints: <c>KeyError</c>, or <c>queue.Empty</c> outside builtins.</summary>
    public string TypeName => PythonClass.Module == "builtins" ? PythonClass.Name : PythonClass.ToString();

    /// <summary>The exception's <c>args</c>.</summary>
    public PyTuple Args { get; }

    /// <summary><c>builtins.</c><paramref name="name"/> with <paramref name="args"/>.</summary>
    public static PythonError Builtin(string name, params object?[] args) => new(new PyGlobal("builtins", name), args);

    /// <summary>The exception as CPython pickles it: <c>cls(*args)</c> by REDUCE.</summary>
    public PyObject ToPickle() => new(PythonClass, Args, ViaReduce: true);

    /// <summary>The exception a pickled one stands for (any other value becomes a TypeError that says what came).</summary>
    public static Exception FromPickle(object? value) => value switch
    {
        PyObject { Args: var args } o => new PythonError(o.Type, [.. args]),
        _ => Builtin("TypeError", $"the server sent {PyRepr.Repr(value)} as its exception"),
    };

    // BaseException.__str__: '' for no args, str(arg) for one, repr(args) for more; KeyError shows the key's repr.
    private static string StrOf(PyGlobal type, object?[] args) => args.Length switch
    {
        0 => "",
        1 when type is { Module: "builtins", Name: "KeyError" } => PyRepr.Repr(args[0]),
        1 => PyRepr.Str(args[0]),
        _ => PyRepr.Repr(new PyTuple(args)),
    };
}
