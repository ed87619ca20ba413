using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>
/// CPython's <c>NamespaceProxy</c>: attributes of a <c>Namespace</c> in a manager's server. <c>ns.value</c> is
/// <c>ns["value"]</c>; a missing attribute raises <see cref="PythonError"/> AttributeError with CPython's words
/// ("'Namespace' object has no attribute 'value'"). A value read is a copy: <c>ns["my_list"]</c> appended to
/// changes nothing in the server, as in Python.
/// </summary>
public sealed class NamespaceProxy : BaseProxy
{
    internal NamespaceProxy(Token token, byte[]? authkey, BaseManager? manager, bool incref)
        : base(token, authkey, manager, incref) { }

    /// <inheritdoc />
    protected override PyGlobal PythonClass { get; } = new("multiprocessing.managers", "NamespaceProxy");

    /// <summary><c>ns.name</c> and <c>ns.name = value</c>.</summary>
    public object? this[string name]
    {
        get => Call("__getattribute__", name);
        set => Call("__setattr__", name, value);
    }

    /// <summary><c>del ns.name</c>.</summary>
    public void DelAttr(string name) => Call("__delattr__", name);
}
