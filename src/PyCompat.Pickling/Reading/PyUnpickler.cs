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

    /// <summary>The large bytes the transcoder took out of the stream (NEXT_BUFFER), in order.</summary>
    public override object nextBuffer() =>
        DecodeContext.Current.Buffers.TryDequeue(out var buffer)
            ? buffer
            : throw new UnpicklingError("internal: NEXT_BUFFER with no buffer queued");

    /// <summary>What a pickle's global <paramref name="module"/>.<paramref name="name"/> decodes to.</summary>
    public static IObjectConstructor Resolve(string module, string name)
    {
        // Protocols 0-2 written with fix_imports use Python 2's module names, as CPython's Unpickler maps back.
        module = module switch { "__builtin__" => "builtins", "copy_reg" => "copyreg", _ => module };
        var global = new PyGlobal(module, name);
        var options = DecodeContext.Current.Options;
        if (module == InternalNames.Module)
            throw new UnpicklingError($"the pickle names {global}, a name PyCompat keeps for itself");
        if (!objectConstructors.TryGetValue($"{module}.{name}", out var constructor))
        {
            if (!options.AllowGlobalReferences && !options.MayConstruct(global))
                throw new UnpicklingError($"the pickle refers to {global}, which is not on the allow list "
                    + "(PickleLoadOptions.AllowGlobalReferences is false): add it to PickleLoadOptions.AllowedGlobals");
            return new ClassRef(global);
        }
        if (constructor is PyConstructor) return constructor;
        if (!options.AllowedGlobals.Contains(global))
            throw new UnpicklingError($"the pickle uses {global}, for which a constructor that creates .NET objects is "
                + "registered with Razorvine outside PyCompat's value table; it is used only when the global is on "
                + "PickleLoadOptions.AllowedGlobals");
        return new ForeignConstructor(global, constructor);
    }
}
