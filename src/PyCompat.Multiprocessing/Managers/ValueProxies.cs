using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>CPython's <c>ValueProxy</c>: a <c>managers.Value(typecode, value)</c> in a manager's server.</summary>
public sealed class ValueProxy : BaseProxy
{
    internal ValueProxy(Token token, byte[]? authkey, BaseManager? manager, bool incref)
        : base(token, authkey, manager, incref) { }

    /// <inheritdoc />
    protected override PyGlobal PythonClass { get; } = new("multiprocessing.managers", "ValueProxy");

    /// <summary><c>proxy.value</c> (get and set).</summary>
    public object? Value
    {
        get => Call("get");
        set => Call("set", value);
    }
}

/// <summary>CPython's <c>ArrayProxy</c>: an <c>array.array</c> in a manager's server.</summary>
public sealed class ArrayProxy : BaseProxy
{
    internal ArrayProxy(Token token, byte[]? authkey, BaseManager? manager, bool incref)
        : base(token, authkey, manager, incref) { }

    /// <inheritdoc />
    protected override PyGlobal PythonClass { get; } = new("multiprocessing.managers", "ArrayProxy");

    /// <summary><c>a[index]</c> and <c>a[index] = value</c>.</summary>
    public object? this[int index]
    {
        get => Call("__getitem__", index);
        set => Call("__setitem__", index, value);
    }

    /// <summary><c>len(a)</c>.</summary>
    public int Count => Convert.ToInt32(Call("__len__"));
}
