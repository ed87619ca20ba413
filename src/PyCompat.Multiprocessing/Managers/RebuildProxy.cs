using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>
/// CPython's <c>RebuildProxy(func, token, serializer, kwds)</c> for a .NET process: the C# proxy for a pickled one
/// (from a CPython or a C# parent, or in a value a server sent). The authkey is the one in kwds (a parent passes it
/// while spawning), else the current process's, as in CPython.
/// </summary>
internal static class RebuildProxy
{
    /// <summary>The proxy <paramref name="pickled"/> stands for.</summary>
    /// <param name="pickled">A <c>RebuildProxy(...)</c> call as decoded.</param>
    /// <param name="inheriting">True while a child is being started from its parent's pickle: the proxy takes no
    /// reference on the server (the parent's keeps the object), as CPython's <c>_inheriting</c>.</param>
    /// <exception cref="InvalidDataException">it is not a proxy's pickle.</exception>
    public static BaseProxy Rebuild(PyObject pickled, bool inheriting = false)
    {
        if (pickled.Type != ManagerPickles.RebuildProxy || pickled.Args.Count != 4
            || pickled.Args[0] is not PyGlobal function || pickled.Args[3] is not PyDict kwds)
            throw new InvalidDataException($"expected RebuildProxy(func, token, serializer, kwds), got {PyRepr.Repr(pickled)}");
        var token = Token.FromPickle(pickled.Args[1]);
        var authkey = kwds.TryGetValue("authkey", out var key) ? AuthKeyBytes(key) : null;
        var incref = !inheriting && !(kwds.TryGetValue("incref", out var flag) && flag is false);
        if (function.Module == "multiprocessing.managers" && ProxyTypes.ByClass.TryGetValue(function.Name, out var factory))
            return factory(token, authkey, null, [], incref);
        // AutoProxy, or a proxy class of the user's own: an auto proxy with the methods the pickle (or server) names.
        var exposed = kwds.TryGetValue("exposed", out var names) && names is not null
            ? BaseProxy.ExposedNames(names)
            : GetMethods(token, authkey);
        return ProxyTypes.Auto(token, authkey, null, exposed, incref);
    }

    private static IReadOnlyList<string> GetMethods(Token token, byte[]? authkey)
    {
        using var connection = Client.Connect(token.Address, authkey: authkey ?? Process.CurrentProcess().AuthKey);
        return BaseProxy.ExposedNames(ManagerWire.Dispatch(connection, null, "get_methods", new PyTuple(token.ToPickle())));
    }

    private static byte[]? AuthKeyBytes(object? value) => value switch
    {
        byte[] bytes => bytes,
        PyObject { Args.Count: 1 } wrapped => wrapped.Args[0] as byte[],
        _ => null,
    };
}
