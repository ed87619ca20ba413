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
        // Only a callable's first of two arguments is ever a Latin1Text (PickleTranscoder.EncodedBytes.cs).
        if (args is [Latin1Text text, var encoding])
            return FromLatin1(text.Bytes, encoding) ?? Create([text.ToText(), encoding], viaNewObj: false);
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

    /// <summary>The call with a str argument that the transcoder read as latin-1 <paramref name="bytes"/>, when this
    /// callable can take those bytes as they are (the bytes constructors); null to be given the str.</summary>
    protected virtual object? FromLatin1(byte[] bytes, object encoding) => null;

    /// <summary>A call the value table has no place for: kept as a PyObject if the allow list lets it through.</summary>
    protected object Refused(object[] args)
    {
        ClassRef.CheckAllowed(Global);
        return new PendingObject(Global, args, viaReduce: true);
    }

    protected UnpicklingError BadArgs(object[] args) =>
        new($"cannot decode {Global}: unexpected constructor arguments ({string.Join(", ", args.Select(a => a?.GetType().Name ?? "None"))})");
}

/// <summary>Pushed by the transcoder to tag NEWOBJ; never called.</summary>
internal sealed class NewObjMarker : IObjectConstructor
{
    public object construct(object[] args) => throw new UnpicklingError("internal: the NEWOBJ marker was called");
}

/// <summary>
/// Any class or callable with no entry in the value table: calling it records a <see cref="PendingObject"/>, if the
/// decode's <see cref="PickleLoadOptions"/> allow it (nothing is called either way).
/// </summary>
internal sealed class ClassRef(PyGlobal global) : PyConstructor(global)
{
    protected override object Create(object[] args, bool viaNewObj)
    {
        CheckAllowed(Global);
        return new PendingObject(Global, args, !viaNewObj);
    }

    /// <summary>Refuses to rebuild an instance of (or a call to) a global that is not on the allow list.</summary>
    public static void CheckAllowed(PyGlobal global)
    {
        if (!DecodeContext.Current.Options.MayConstruct(global))
            throw new UnpicklingError($"the pickle rebuilds an instance of (or calls) {global}, which is not on the allow "
                + "list: add it to PickleLoadOptions.AllowedGlobals (or use PickleLoadOptions.Trusted for a writer you "
                + "trust; PyCompat never runs it either way)");
    }
}

/// <summary>An instance being rebuilt by the unpickler; the raiser turns it into a <see cref="PyObject"/>.</summary>
internal sealed class PendingObject(PyGlobal type, object[] args, bool viaReduce)
{
    public PyGlobal Type { get; } = type;
    public object[] Args { get; } = args;
    public bool ViaReduce { get; } = viaReduce;
    public object? State { get; private set; }

    /// <summary>BUILD (through PyCompat's <see cref="BuildConstructor"/>, not Razorvine's reflection).</summary>
    public void SetState(object? state) => State = state;
}

/// <summary>
/// PyCompat's <c>resolve(module, name)</c>: what every GLOBAL, STACK_GLOBAL and INST of the pickle becomes. Looks the
/// name up in PyCompat's value table, else yields a <see cref="ClassRef"/>; the Python 2 variant first maps the name
/// as CPython does below protocol 3.
/// </summary>
internal sealed class GlobalResolver(bool fixImports) : IObjectConstructor
{
    public object construct(object[] args)
    {
        if (args is not [string module, string name])
            throw new UnpicklingError("STACK_GLOBAL expects two strings (module and name) on the stack");
        return PyUnpickler.Resolve(module, name, fixImports);
    }
}

/// <summary>
/// A constructor registered with Razorvine outside PyCompat's value table (Razorvine's own array.array, or another
/// library's), tagged with its global. It creates .NET objects, so it is used only for globals on the allow list.
/// </summary>
internal sealed class ForeignConstructor(PyGlobal global, IObjectConstructor inner) : PyConstructor(global)
{
    protected override object Create(object[] args, bool viaNewObj) => inner.construct(args);
}
