using Razorvine.Pickle;

namespace PyCompat.Pickling.Reading;

/// <summary>
/// Razorvine's Unpickler with PyCompat's value table registered in its (static) constructor registry.
/// Registration happens once, in the static constructor; an instance is used for one call only
/// (Razorvine's Unpickler is not thread-safe).
/// </summary>
internal sealed class PyUnpickler : Unpickler
{
    static PyUnpickler()
    {
        Register(InternalNames.Module, InternalNames.Resolve, new GlobalResolver());
        Register(InternalNames.Module, InternalNames.NewObj, new NewObjMarker());
        Register(InternalNames.Module, InternalNames.Dict, new DictConstructor());
        Register(InternalNames.Module, InternalNames.DictItems, new DictItemsConstructor());
        Register("builtins", "set", new SetConstructor(frozen: false));
        Register("builtins", "frozenset", new SetConstructor(frozen: true));
        Register("builtins", "bytes", new BytesConstructor(new PyGlobal("builtins", "bytes")));
        Register("_codecs", "encode", new BytesConstructor(new PyGlobal("_codecs", "encode")));
        Register("builtins", "bytearray", new ByteArrayConstructor());
        Register("builtins", "complex", new ComplexConstructor());
        Register("decimal", "Decimal", new DecimalConstructor());
        Register("datetime", "date", new TemporalConstructor("date"));
        Register("datetime", "time", new TemporalConstructor("time"));
        Register("datetime", "datetime", new TemporalConstructor("datetime"));
        Register("datetime", "timedelta", new TimedeltaConstructor());
        Register("datetime", "timezone", new TimezoneConstructor());
        Register("copyreg", "_reconstructor", new ReconstructorConstructor());
        Register("builtins", "getattr", new GetattrConstructor());
    }

    private static void Register(string module, string name, IObjectConstructor constructor) =>
        registerConstructor(module, name, constructor);

    /// <summary>What a pickle's global <paramref name="module"/>.<paramref name="name"/> decodes to.</summary>
    public static IObjectConstructor Resolve(string module, string name)
    {
        // Protocols 0-2 written with fix_imports use Python 2's module names, as CPython's Unpickler maps back.
        module = module switch { "__builtin__" => "builtins", "copy_reg" => "copyreg", _ => module };
        var global = new PyGlobal(module, name);
        if (!objectConstructors.TryGetValue($"{module}.{name}", out var constructor)) return new ClassRef(global);
        return constructor is PyConstructor ? constructor : new ForeignConstructor(global, constructor);
    }
}
