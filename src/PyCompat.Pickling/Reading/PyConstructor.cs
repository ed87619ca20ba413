using System.Collections;
using Razorvine.Pickle;

namespace PyCompat.Pickling.Reading;

/// <summary>
/// Base of PyCompat's registered constructors. Each knows the Python global it stands for, so that a class or
/// function that appears as a value (not called) decodes to that <see cref="PyGlobal"/>.
/// </summary>
internal abstract class PyConstructor(PyGlobal global) : IObjectConstructor
{
    public PyGlobal Global { get; } = global;

    public object construct(object[] args)
    {
        // The transcoder turns NEWOBJ into REDUCE with (args, marker) and NEWOBJ_EX into (args, kwargs, marker).
        if (args is [object[] newArgs, NewObjMarker]) return Create(newArgs, viaNewObj: true);
        if (args is [object[] exArgs, ICollection kwargs, NewObjMarker])
        {
            if (kwargs.Count > 0)
                throw new UnpicklingError($"{Global} is created with keyword arguments (NEWOBJ_EX, __getnewargs_ex__), "
                    + "which PyObject cannot hold; give the class a __reduce__ without keyword arguments");
            return Create(exArgs, viaNewObj: true);
        }
        return Create(args, viaNewObj: false);
    }

    protected abstract object Create(object[] args, bool viaNewObj);

    protected UnpicklingError BadArgs(object[] args) =>
        new($"cannot decode {Global}: unexpected constructor arguments ({string.Join(", ", args.Select(a => a?.GetType().Name ?? "None"))})");
}

/// <summary>Pushed by the transcoder to tag NEWOBJ; never called.</summary>
internal sealed class NewObjMarker : IObjectConstructor
{
    public object construct(object[] args) => throw new UnpicklingError("internal: the NEWOBJ marker was called");
}

/// <summary>Any class or callable with no entry in the value table: calling it records a <see cref="PendingObject"/>.</summary>
internal sealed class ClassRef(PyGlobal global) : PyConstructor(global)
{
    protected override object Create(object[] args, bool viaNewObj) => new PendingObject(Global, args, !viaNewObj);
}

/// <summary>An instance being rebuilt by the unpickler; the raiser turns it into a <see cref="PyObject"/>.</summary>
internal sealed class PendingObject(PyGlobal type, object[] args, bool viaReduce)
{
    public PyGlobal Type { get; } = type;
    public object[] Args { get; } = args;
    public bool ViaReduce { get; } = viaReduce;
    public object? State { get; private set; }

    /// <summary>Razorvine's BUILD looks this method up by name through reflection.</summary>
    public void __setstate__(object state) => State = state;

    /// <summary>SETITEMS on an instance: a dict subclass (OrderedDict, defaultdict, Counter...).</summary>
    public void __setstate__(DictItems items) =>
        throw new UnpicklingError($"cannot decode an instance of {Type}: it is a dict subclass (its items come by "
            + "SETITEMS), which the value table has no place for; convert it to a plain dict before pickling");
}

/// <summary>
/// <c>__pycompat__.resolve(module, name)</c>: what every GLOBAL of the pickle becomes. Looks the name up in
/// Razorvine's constructor registry (where PyCompat registered the value table), else a <see cref="ClassRef"/>.
/// </summary>
internal sealed class GlobalResolver : IObjectConstructor
{
    public object construct(object[] args)
    {
        if (args is not [string module, string name])
            throw new UnpicklingError("STACK_GLOBAL expects two strings (module and name) on the stack");
        return PyUnpickler.Resolve(module, name);
    }
}

/// <summary>A constructor Razorvine registered itself (array.array, ...), tagged with its global.</summary>
internal sealed class ForeignConstructor(PyGlobal global, IObjectConstructor inner) : PyConstructor(global)
{
    protected override object Create(object[] args, bool viaNewObj) => inner.construct(args);
}
