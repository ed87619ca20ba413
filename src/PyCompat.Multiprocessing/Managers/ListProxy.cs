using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>CPython's <c>ListProxy</c>: a list in a manager's server; items read are copies.</summary>
public sealed class ListProxy : BaseProxy
{
    internal ListProxy(Token token, byte[]? authkey, BaseManager? manager, bool incref)
        : base(token, authkey, manager, incref) { }

    /// <inheritdoc />
    protected override PyGlobal PythonClass { get; } = new("multiprocessing.managers", "ListProxy");

    /// <summary><c>l[index]</c> and <c>l[index] = value</c> (negative indexes count from the end); out of range
    /// raises <see cref="PythonError"/> IndexError.</summary>
    public object? this[int index]
    {
        get => Call("__getitem__", index);
        set => Call("__setitem__", index, value);
    }

    /// <summary><c>len(l)</c>.</summary>
    public int Count => Convert.ToInt32(Call("__len__"));

    /// <summary><c>value in l</c>.</summary>
    public bool Contains(object? value) => Call("__contains__", value) is true;

    /// <summary><c>l.append(value)</c>.</summary>
    public void Append(object? value) => Call("append", value);

    /// <summary><c>l.extend(values)</c> (also <c>l += values</c>).</summary>
    public void Extend(IEnumerable<object?> values) => Call("extend", values.ToList());

    /// <summary><c>l.insert(index, value)</c>.</summary>
    public void Insert(int index, object? value) => Call("insert", index, value);

    /// <summary><c>l.remove(value)</c>: ValueError when it is not there.</summary>
    public void Remove(object? value) => Call("remove", value);

    /// <summary><c>l.pop(index=-1)</c>.</summary>
    public object? Pop(int index = -1) => Call("pop", index);

    /// <summary><c>l.index(value)</c>.</summary>
    public int Index(object? value) => Convert.ToInt32(Call("index", value));

    /// <summary><c>l.count(value)</c>.</summary>
    public int CountOf(object? value) => Convert.ToInt32(Call("count", value));

    /// <summary><c>del l[index]</c>.</summary>
    public void RemoveAt(int index) => Call("__delitem__", index);

    /// <summary><c>l.reverse()</c>.</summary>
    public void Reverse() => Call("reverse");

    /// <summary><c>l.sort()</c>.</summary>
    public void Sort() => Call("sort");

    /// <summary>A copy of the list, here (<c>l[:]</c>).</summary>
    public List<object?> ToList() => (List<object?>)GetValue()!;
}
