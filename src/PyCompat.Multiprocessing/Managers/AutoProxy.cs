using System.Collections;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>
/// CPython's <c>AutoProxy</c>: a proxy for a registered type that names no proxy class, with one method per name
/// the server exposes; call them with <see cref="Invoke"/>. Pickles as <c>RebuildProxy(AutoProxy, token, ...,
/// {'exposed': ...})</c>, as CPython's does.
/// </summary>
public class AutoProxy : BaseProxy
{
    internal AutoProxy(Token token, byte[]? authkey, BaseManager? manager, IReadOnlyList<string> exposed, bool incref)
        : base(token, authkey, manager, incref) => Exposed = exposed;

    /// <summary>The methods the server exposes.</summary>
    public IReadOnlyList<string> Exposed { get; }

    /// <inheritdoc />
    protected override PyGlobal PythonClass => ProxyTypes.AutoProxyFunction;

    private protected override IReadOnlyList<string>? AutoExposed => Exposed;

    /// <summary>Calls the exposed method <paramref name="method"/> with positional arguments.</summary>
    /// <exception cref="MissingMethodException">the server does not expose it ('AutoProxy[typeid]' object has no
    /// attribute ...).</exception>
    public object? Invoke(string method, params object?[] args)
    {
        if (!Exposed.Contains(method))
            throw new MissingMethodException($"'AutoProxy[{Token.TypeId}]' object has no attribute '{method}'");
        return Call(method, args);
    }
}

/// <summary>The auto proxy of SyncManager's <c>Queue</c> (a <c>queue.Queue</c> in the server), with its methods named
/// in C#; an empty or full queue raises <see cref="PythonError"/> <c>queue.Empty</c> / <c>queue.Full</c>.</summary>
public sealed class QueueProxy : AutoProxy
{
    internal QueueProxy(Token token, byte[]? authkey, BaseManager? manager, IReadOnlyList<string> exposed, bool incref)
        : base(token, authkey, manager, exposed, incref) { }

    /// <summary><c>put(item, block=True, timeout=None)</c>.</summary>
    public void Put(object? item, bool block = true, double? timeout = null) => Invoke("put", item, block, timeout);

    /// <summary><c>get(block=True, timeout=None)</c>.</summary>
    public object? Get(bool block = true, double? timeout = null) => Invoke("get", block, timeout);

    /// <summary><c>put_nowait(item)</c>.</summary>
    public void PutNowait(object? item) => Invoke("put_nowait", item);

    /// <summary><c>get_nowait()</c>.</summary>
    public object? GetNowait() => Invoke("get_nowait");

    /// <summary><c>qsize()</c>.</summary>
    public int QSize() => Convert.ToInt32(Invoke("qsize"));

    /// <summary><c>empty()</c>.</summary>
    public bool Empty() => Invoke("empty") is true;

    /// <summary><c>full()</c>.</summary>
    public bool Full() => Invoke("full") is true;

    /// <summary><c>task_done()</c>.</summary>
    public void TaskDone() => Invoke("task_done");

    /// <summary><c>join()</c>: until every item put has been marked done.</summary>
    public void Join() => Invoke("join");
}

/// <summary>CPython's <c>IteratorProxy</c>: an iterator in the server (what a DictProxy's <c>__iter__</c> returns).</summary>
public sealed class IteratorProxy : BaseProxy, IEnumerable<object?>
{
    internal IteratorProxy(Token token, byte[]? authkey, BaseManager? manager, bool incref)
        : base(token, authkey, manager, incref) { }

    /// <inheritdoc />
    protected override PyGlobal PythonClass { get; } = new("multiprocessing.managers", "IteratorProxy");

    /// <summary>The items, each fetched with <c>__next__</c> until StopIteration.</summary>
    public IEnumerator<object?> GetEnumerator()
    {
        while (true)
        {
            object? item;
            try
            {
                item = Call("__next__");
            }
            catch (PythonError e) when (e.PythonClass.Name == "StopIteration")
            {
                yield break;
            }
            yield return item;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
