using System.Collections;
using System.Numerics;
using System.Text;

namespace PyCompat.Pickling.Reading;

/// <summary>
/// A dict as the unpickler fills it: Razorvine's SETITEM casts to Hashtable, so it is one. While every key is one the
/// raiser returns as it is (None, str, int, float, bool) the pairs go straight into the <see cref="PyDict"/> the raiser
/// returns (<see cref="Direct"/>), hashed once; the raiser then only raises the values in place. From the first key
/// the raiser must still map (a tuple, a long it narrows) the pairs are recorded in order instead (<see cref="Pairs"/>)
/// and the raiser builds the dict, where later duplicates win as in Python. Nothing is hashed twice.
/// </summary>
internal sealed class PyHashtable : Hashtable
{
    private PyDict? _direct;
    private List<KeyValuePair<object?, object?>>? _pairs;

    public PyHashtable(int capacity = 0) : base(0) => _direct = new PyDict(capacity);

    /// <summary>The dict itself, while every key needs no raising; else null.</summary>
    public PyDict? Direct => _direct;

    /// <summary>The pairs in pickle order, once some key needs raising; else null.</summary>
    public List<KeyValuePair<object?, object?>>? Pairs => _pairs;

    public override object? this[object key]
    {
        get => throw new NotSupportedException("internal: a decoding dict is written, never read");
        set => Put(key, value);
    }

    public override int Count => _direct?.Count ?? _pairs!.Count;

    public override void Add(object key, object? value) => Put(key, value);

    public void Put(object? key, object? value)
    {
        Hashability.Check(key, "dict key");
        if (_direct is not null)
        {
            if (key is null or string or int or double or bool)
            {
                _direct[key] = value;
                return;
            }
            // The keys so far, collapsed as the dict collapsed them, replay to the same dict as the pairs they came from.
            _pairs = new List<KeyValuePair<object?, object?>>(_direct.Count + 16);
            foreach (var pair in _direct) _pairs.Add(pair);
            _direct = null;
        }
        _pairs!.Add(new KeyValuePair<object?, object?>(key, value));
    }
}

/// <summary>The key/value pairs of one SETITEMS batch, in pickle order.</summary>
internal sealed class DictItems(object[] flat)
{
    public void AddTo(PyHashtable dict)
    {
        for (var i = 0; i + 1 < flat.Length; i += 2) dict.Put(flat[i], flat[i + 1]);
    }
}

/// <summary>
/// PyCompat's <c>dictitems((dict, flat_key_value_tuple))</c>: one SETITEMS batch, added in order (Razorvine's SETITEMS
/// inserts a batch in reverse), returning the dict, which takes SETITEMS' place on the stack.
/// </summary>
internal sealed class DictItemsConstructor() : PyConstructor(new PyGlobal("builtins", "dict.update"))
{
    protected override object Create(object[] args, bool viaNewObj)
    {
        if (args is not [object[] and [var target, object[] flat]]) throw BadArgs(args);
        switch (target)
        {
            case PyHashtable dict:
                new DictItems(flat).AddTo(dict);
                return dict;
            case PendingObject pending:
                throw new UnpicklingError($"cannot decode an instance of {pending.Type}: it is a dict subclass (its items "
                    + "come by SETITEMS), which the value table has no place for; convert it to a plain dict before pickling");
            default:
                throw new UnpicklingError($"SETITEMS on a {RawTypeName.Of(target)}: only a dict takes items "
                    + "(CPython raises TypeError for this pickle)");
        }
    }
}

/// <summary>The Python type of a value the unpickler holds before the raiser has raised it, for error messages.</summary>
internal static class RawTypeName
{
    public static string Of(object? value) => value switch
    {
        null => "None",
        object[] => "tuple",
        byte[] => "bytes",
        IList => "list",
        IDictionary => "dict",
        ISet<object> => "set",
        string => "str",
        bool => "bool",
        int or long or BigInteger => "int",
        double => "float",
        _ => value.GetType().Name,
    };
}

/// <summary>
/// PyCompat's <c>build((object, state))</c>: BUILD, returning the object, which takes BUILD's place on the stack. The
/// objects PyCompat rebuilds keep their state; another library's constructor gets it through its
/// <c>__setstate__(state)</c>, as Razorvine's own BUILD does, which looks the method up by reflection for every BUILD.
/// </summary>
internal sealed class BuildConstructor() : PyConstructor(new PyGlobal("builtins", "setstate"))
{
    protected override object Create(object[] args, bool viaNewObj)
    {
        if (args is not [object[] and [var target, var state]] || target is null) throw BadArgs(args);
        if (target is PendingObject pending)
        {
            pending.SetState(state);
            return pending;
        }
        // As CPython's load_build on an object without __setstate__: a false state (None, an empty dict) sets nothing.
        if (state is null || state is ICollection { Count: 0 }) return target;
        var setState = target.GetType().GetMethod("__setstate__", [state.GetType()]);
        if (setState is null)
            throw new UnpicklingError($"BUILD sets the state of a {RawTypeName.Of(target)}, which takes none "
                + "(CPython raises AttributeError for this pickle)");
        setState.Invoke(target, [state]);
        return target;
    }
}

/// <summary>PyCompat's <c>dict()</c>, <c>dict(length)</c> (an EMPTY_DICT whose items the scanner counted) and
/// <c>dict(flat_key_value_tuple)</c> (DICT).</summary>
internal sealed class DictConstructor() : PyConstructor(new PyGlobal("builtins", "dict"))
{
    protected override object Create(object[] args, bool viaNewObj)
    {
        if (args is [int capacity]) return new PyHashtable(capacity);
        var dict = new PyHashtable();
        if (args is [object[] flat]) new DictItems(flat).AddTo(dict);
        return dict;
    }
}

/// <summary>A frozenset before its items are raised into the value table.</summary>
internal sealed class RawFrozenSet(object[] items)
{
    public object[] Items { get; } = items;
}

/// <summary><c>builtins.set(iterable)</c> and <c>builtins.frozenset(iterable)</c>.</summary>
internal sealed class SetConstructor(bool frozen) : PyConstructor(new PyGlobal("builtins", frozen ? "frozenset" : "set"))
{
    protected override object Create(object[] args, bool viaNewObj)
    {
        var items = args switch
        {
            [] => [],
            [IEnumerable iterable] => iterable.Cast<object>().ToArray(),
            _ => throw BadArgs(args),
        };
        if (frozen)
        {
            foreach (var item in items) Hashability.Check(item, "frozenset item");
            return new RawFrozenSet(items);
        }
        // ADDITEMS adds to this set directly; its comparer refuses unhashable items.
        return new HashSet<object>(items, CheckedItems.Instance);
    }
}

/// <summary>
/// <c>builtins.bytes(...)</c> and <c>_codecs.encode(text, 'latin1')</c>: protocols 0-2 carry bytes as latin-1 text.
/// </summary>
internal sealed class BytesConstructor(PyGlobal global) : PyConstructor(global)
{
    protected override object Create(object[] args, bool viaNewObj) => BytesArgs.ToBytes(args) ?? throw BadArgs(args);

    protected override object? FromLatin1(byte[] bytes, object encoding) => BytesArgs.IsLatin1(encoding) ? bytes : null;
}

/// <summary><c>builtins.bytearray(...)</c>, decoded to <see cref="PyByteArray"/> to keep it apart from bytes.</summary>
internal sealed class ByteArrayConstructor() : PyConstructor(new PyGlobal("builtins", "bytearray"))
{
    protected override object Create(object[] args, bool viaNewObj) =>
        new PyByteArray(BytesArgs.ToBytes(args) ?? throw BadArgs(args));

    protected override object? FromLatin1(byte[] bytes, object encoding) => BytesArgs.IsLatin1(encoding) ? new PyByteArray(bytes) : null;
}

internal static class BytesArgs
{
    public static byte[]? ToBytes(object[] args) => args switch
    {
        [] => [],
        [byte[] bytes] => bytes,
        [string text, string encoding] => Encode(text, encoding),
        [IList ints] => ints.Cast<object>().Select(Convert.ToByte).ToArray(),
        _ => null,
    };

    /// <summary>Whether <paramref name="encoding"/> names latin-1 (the text form of bytes at protocols 0-2).</summary>
    public static bool IsLatin1(object encoding) =>
        encoding is string name && name.ToLowerInvariant() is "latin1" or "latin-1" or "iso-8859-1" or "iso8859-1";

    private static byte[] Encode(string text, string encoding)
    {
        if (IsLatin1(encoding)) return Encoding.Latin1.GetBytes(text);
        return encoding.ToLowerInvariant() switch
        {
            "utf8" or "utf-8" => Encoding.UTF8.GetBytes(text),
            "ascii" => Encoding.ASCII.GetBytes(text),
            _ => throw new UnpicklingError($"cannot decode bytes pickled with the text encoding '{encoding}'; expected latin-1"),
        };
    }
}

/// <summary><c>builtins.complex(real, imag)</c>.</summary>
internal sealed class ComplexConstructor() : PyConstructor(new PyGlobal("builtins", "complex"))
{
    protected override object Create(object[] args, bool viaNewObj) => args switch
    {
        [] => Complex.Zero,
        [var re] => new Complex(ToDouble(re), 0),
        [var re, var im] => new Complex(ToDouble(re), ToDouble(im)),
        _ => throw BadArgs(args),
    };

    private static double ToDouble(object value) => value is BigInteger b ? (double)b : Convert.ToDouble(value);
}

/// <summary><c>decimal.Decimal(text)</c>: System.Decimal when exact, else <see cref="PyDecimal"/>.</summary>
internal sealed class DecimalConstructor() : PyConstructor(new PyGlobal("decimal", "Decimal"))
{
    protected override object Create(object[] args, bool viaNewObj) => args switch
    {
        [string text] => DecimalText.FromPython(text),
        _ => throw BadArgs(args),
    };
}

/// <summary>
/// <c>copyreg._reconstructor(cls, object, None)</c>: how protocols 0 and 1 pickle plain class instances;
/// decoded as if it were <c>object.__new__(cls)</c> (NEWOBJ with no arguments).
/// </summary>
internal sealed class ReconstructorConstructor() : PyConstructor(new PyGlobal("copyreg", "_reconstructor"))
{
    protected override object Create(object[] args, bool viaNewObj) => args switch
    {
        [PyConstructor cls, PyConstructor { Global: { Module: "builtins", Name: "object" } }, null] =>
            cls.construct([Array.Empty<object>(), new NewObjMarker()]),
        _ => Refused(args),
    };
}

/// <summary>
/// <c>builtins.getattr(global, 'name')</c>: how protocols 2-3 pickle a nested global (Outer.method); decoded back
/// to the global <c>module.Outer.method</c>. getattr on anything else (a bound method) stays a PyObject.
/// </summary>
internal sealed class GetattrConstructor() : PyConstructor(new PyGlobal("builtins", "getattr"))
{
    protected override object Create(object[] args, bool viaNewObj) => args switch
    {
        [PyConstructor owner, string name] => PyUnpickler.Resolve(owner.Global.Module, $"{owner.Global.Name}.{name}"),
        _ => Refused(args),
    };
}
