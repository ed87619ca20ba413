namespace PyCompat.Pickling;

/// <summary>
/// An instance of a Python class that has no .NET counterpart in the value table, kept as pickle describes it:
/// the class, the arguments it is created with, and the state set on it afterwards.
/// Writing one emits <c>GLOBAL cls; args; NEWOBJ</c> (or <c>REDUCE</c> when <see cref="ViaReduce"/>), then
/// <c>state; BUILD</c> when there is state.
/// </summary>
/// <param name="Type">The class (or, with <see cref="ViaReduce"/>, any callable).</param>
/// <param name="Args">The arguments to <c>cls.__new__</c> (or the callable).</param>
/// <param name="State">What <c>__setstate__</c> receives (usually a dict), or null for none.</param>
/// <param name="ViaReduce">True to call <see cref="Type"/> with <see cref="Args"/> (REDUCE) rather than <c>cls.__new__</c>.</param>
public sealed record PyObject(PyGlobal Type, PyTuple Args, object? State = null, bool ViaReduce = false);
