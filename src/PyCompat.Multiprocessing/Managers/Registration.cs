using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>
/// One <c>register(typeid, callable, proxytype, exposed, method_to_typeid, create_method)</c> of a manager.
/// </summary>
/// <param name="TypeId">The name clients create it by.</param>
/// <param name="Callable">Makes the object from the client's arguments (server side); null for a typeid only methods
/// return (CPython's <c>callable=None</c>).</param>
/// <param name="Exposed">The methods clients may call; null for the object's public methods.</param>
/// <param name="MethodToTypeId">Methods whose result is returned as a proxy of that typeid.</param>
/// <param name="Proxy">Makes the client's proxy; null for an auto proxy.</param>
public sealed record Registration(
    string TypeId,
    Func<PyTuple, PyDict, object>? Callable = null,
    IReadOnlyList<string>? Exposed = null,
    IReadOnlyDictionary<string, string>? MethodToTypeId = null,
    ProxyFactory? Proxy = null);
