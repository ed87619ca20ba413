using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Reduction;

/// <summary>
/// The standard streams as arguments. CPython cannot pickle <c>sys.stdout</c> (a fork child simply inherits it), so a
/// child started by spawn gets it as <c>getattr(__import__('sys'), 'stdout')</c>: the child's own standard stream,
/// which a CPython child evaluates as it stands and a .NET child rebuilds as <see cref="Console.Out"/>.
/// </summary>
internal static class StandardStreams
{
    public static readonly PyGlobal GetAttr = new("builtins", "getattr");
    private static readonly PyGlobal Import = new("builtins", "__import__");

    public static object Reduce(object stream) => Describe(NameOf(stream) ?? throw new PicklingError(
        $"cannot pickle '{stream.GetType().FullName}' object: of the .NET streams only Console.Out, Console.Error and "
        + "Console.In travel to a child (as its own sys.stdout, sys.stderr, sys.stdin)"));

    private static string? NameOf(object stream) =>
        ReferenceEquals(stream, Console.Out) ? "stdout"
        : ReferenceEquals(stream, Console.Error) ? "stderr"
        : ReferenceEquals(stream, Console.In) ? "stdin"
        : null;

    /// <summary>The pickle's description of <c>sys.NAME</c>.</summary>
    public static PyObject Describe(string name) =>
        new(GetAttr, new PyTuple(new PyObject(Import, new PyTuple("sys"), ViaReduce: true), name), ViaReduce: true);

    public static object Rebuild(PyObject pickled)
    {
        if (pickled.Args is { Count: 2 } args && args[0] is PyObject { Type: var module, Args: ["sys"] } && module == Import)
            switch (args[1])
            {
                case "stdout": return Console.Out;
                case "stderr": return Console.Error;
                case "stdin": return Console.In;
            }
        throw new InvalidDataException($"cannot rebuild {PyRepr.Repr(pickled.Args)} passed to builtins.getattr: only "
            + "getattr(__import__('sys'), 'stdout' | 'stderr' | 'stdin') stands for a live object a .NET child has");
    }
}
