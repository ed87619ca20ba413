using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>
/// An object a .NET manager's server holds for its clients (the referent of CPython's proxies): it runs the methods
/// clients call by their Python names, with Python's arguments and Python's errors (<see cref="PythonError"/>).
/// Register a class that implements it, or any class (its public methods are then called by reflection).
/// </summary>
public interface ISharedObject
{
    /// <summary>The Python type name an error message shows (<c>dict</c>, <c>multiprocessing.managers.Namespace</c>).</summary>
    string PythonType { get; }

    /// <summary>CPython's <c>public_methods(obj)</c>: what is exposed when the registration names nothing.</summary>
    IReadOnlyList<string> PublicMethods { get; }

    /// <summary>The value <c>_getvalue()</c> sends (a copy that pickles).</summary>
    object? Value { get; }

    /// <summary>Runs <paramref name="method"/>; an unknown one raises AttributeError.</summary>
    object? Invoke(string method, PyTuple args, PyDict kwds);

    /// <summary>The object's <c>repr()</c>, which <c>str(proxy)</c> shows.</summary>
    string Repr();
}

/// <summary>A method call's arguments, read as Python binds them (by position or by keyword).</summary>
internal readonly struct CallArgs(string method, PyTuple args, PyDict kwds)
{
    public int Count => args.Count + kwds.Count;

    /// <summary>The argument at <paramref name="index"/> or named <paramref name="name"/>; TypeError when missing.</summary>
    public object? Required(int index, string name) =>
        TryGet(index, name, out var value) ? value
            : throw PythonError.Builtin("TypeError", $"{method}() missing required argument '{name}' (pos {index + 1})");

    /// <summary>The argument, or <paramref name="default"/>.</summary>
    public object? Optional(int index, string name, object? @default = null) =>
        TryGet(index, name, out var value) ? value : @default;

    /// <summary>A timeout in seconds (None: forever) as a TimeSpan (infinite for null or negative).</summary>
    public TimeSpan Timeout(int index, string name) => Optional(index, name) switch
    {
        null => System.Threading.Timeout.InfiniteTimeSpan,
        var t when Convert.ToDouble(t) < 0 => System.Threading.Timeout.InfiniteTimeSpan,
        var t => TimeSpan.FromSeconds(Convert.ToDouble(t)),
    };

    /// <summary>Python's truth value of the argument (bools and numbers).</summary>
    public bool Flag(int index, string name, bool @default) => Optional(index, name, @default) switch
    {
        bool b => b,
        null => false,
        int i => i != 0,
        var other => Convert.ToDouble(other) != 0,
    };

    private bool TryGet(int index, string name, out object? value)
    {
        if (index < args.Count)
        {
            value = args[index];
            return true;
        }
        return kwds.TryGetValue(name, out value);
    }

    public static PythonError NoAttribute(string type, string method) =>
        PythonError.Builtin("AttributeError", $"'{type}' object has no attribute '{method}'");
}
