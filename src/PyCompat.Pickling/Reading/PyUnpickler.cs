using PyCompat.Pickling.Names;
using Razorvine.Pickle;

namespace PyCompat.Pickling.Reading;

/// <summary>
/// Razorvine's Unpickler speaking PyCompat's value table. Razorvine's constructor registry is static and shared
/// with every other user of Razorvine in the process, so PyCompat registers nothing there: the transcoder turns
/// every global of the pickle into a call to PyCompat's resolver, which Razorvine reaches through this instance's
/// <see cref="persistentLoad"/> (BINPERSID opcodes the transcoder writes; a pickle's own persistent ids are refused
/// by the scanner). A plain <see cref="Unpickler"/> elsewhere in the process is unchanged by PyCompat.
/// An instance is used by one thread only (Razorvine's Unpickler is not thread-safe).
/// </summary>
internal sealed class PyUnpickler : Unpickler
{
    /// <summary>Pickles up to this long reuse their thread's instance; longer ones get their own, so that a thread
    /// does not keep the memo of a large pickle alive after it.</summary>
    private const int ReusedUpTo = 64 * 1024;

    [ThreadStatic] private static PyUnpickler? _reused;

    /// <summary>
    /// An unpickler for one decode of <paramref name="length"/> bytes on this thread; give it back with
    /// <see cref="Return"/>. A small pickle reuses the thread's instance and its memo dictionary (a queue item or a
    /// pool task allocated a whole Unpickler each time). Razorvine clears the memo and the stack when a load ends and
    /// makes a fresh stack for each load; a failed load leaves them as they were, so they are cleared here first.
    /// The instance is taken out of the slot while in use, so a decode inside a decode (a foreign constructor that
    /// decodes) gets one of its own.
    /// </summary>
    public static PyUnpickler Rent(int length)
    {
        if (length > ReusedUpTo || _reused is not { } unpickler) return new PyUnpickler();
        _reused = null;
        unpickler.close();
        return unpickler;
    }

    /// <summary>Gives back what <see cref="Rent"/> returned for <paramref name="length"/> bytes.</summary>
    public static void Return(PyUnpickler unpickler, int length)
    {
        if (length <= ReusedUpTo) _reused = unpickler;
    }

    // Plain dictionaries, never written after this: frozen ones loaded System.Collections.Immutable at the first decode
    // in a process, a few ms of every .NET child's start.

    /// <summary>PyCompat's value table: the globals it decodes itself, by <c>module.name</c>.</summary>
    private static readonly Dictionary<PyGlobal, PyConstructor> ValueTable = new PyConstructor[]
    {
        new SetConstructor(frozen: false),
        new SetConstructor(frozen: true),
        new BytesConstructor(new PyGlobal("builtins", "bytes")),
        new BytesConstructor(new PyGlobal("_codecs", "encode")),
        new ByteArrayConstructor(),
        new ComplexConstructor(),
        new DecimalConstructor(),
        new TemporalConstructor("date"),
        new TemporalConstructor("time"),
        new TemporalConstructor("datetime"),
        new TimedeltaConstructor(),
        new TimezoneConstructor(),
        new ReconstructorConstructor(),
        new GetattrConstructor(),
    }.ToDictionary(c => c.Global, c => c);

    /// <summary>The callables the transcoder names by persistent id, by slot (see <see cref="InternalSlots"/>).</summary>
    private static readonly IObjectConstructor?[] Internal = InternalCallables();

    private static IObjectConstructor?[] InternalCallables()
    {
        var callables = new IObjectConstructor?[InternalSlots.Count];
        callables[InternalSlots.Resolve] = new GlobalResolver(fixImports: false);
        callables[InternalSlots.ResolvePython2] = new GlobalResolver(fixImports: true);
        callables[InternalSlots.NewObj] = new NewObjMarker();
        callables[InternalSlots.Dict] = new DictConstructor();
        callables[InternalSlots.DictItems] = new DictItemsConstructor();
        callables[InternalSlots.Build] = new BuildConstructor();
        return callables;
    }

    /// <summary>The large bytes and the strings the transcoder took out of the stream (NEXT_BUFFER), in order.</summary>
    public override object nextBuffer() =>
        DecodeContext.Current.Buffers.TryDequeue(out var buffer)
            ? buffer
            : throw new UnpicklingError("internal: NEXT_BUFFER with no buffer queued");

    /// <summary>PyCompat's internal callables, which the transcoder pushes with BINPERSID of their slot.</summary>
    protected override object persistentLoad(object pid) =>
        pid is int slot && (uint)slot < (uint)Internal.Length && Internal[slot] is { } callable
            ? callable
            : throw new UnpicklingError($"internal: unknown persistent id {pid}");

    /// <summary>
    /// What a pickle's global <paramref name="module"/>.<paramref name="name"/> decodes to. With
    /// <paramref name="fixImports"/> (protocols 0-2, as CPython's Unpickler with fix_imports=True), Python 2 names
    /// are read as their Python 3 names first.
    /// </summary>
    public static IObjectConstructor Resolve(string module, string name, bool fixImports = false)
    {
        if (fixImports) (module, name) = Python2Names.ToPython3(module, name);
        var global = new PyGlobal(module, name);
        if (ValueTable.TryGetValue(global, out var own)) return own;
        var options = DecodeContext.Current.Options;
        if (!objectConstructors.TryGetValue($"{module}.{name}", out var foreign))
        {
            if (!options.AllowGlobalReferences && !options.MayConstruct(global))
                throw new UnpicklingError($"the pickle refers to {global}, which is not on the allow list "
                    + "(PickleLoadOptions.AllowGlobalReferences is false): add it to PickleLoadOptions.AllowedGlobals");
            return new ClassRef(global);
        }
        if (!options.AllowedGlobals.Contains(global))
            throw new UnpicklingError($"the pickle uses {global}, for which a constructor that creates .NET objects is "
                + "registered with Razorvine outside PyCompat's value table; it is used only when the global is on "
                + "PickleLoadOptions.AllowedGlobals");
        return new ForeignConstructor(global, foreign);
    }
}
