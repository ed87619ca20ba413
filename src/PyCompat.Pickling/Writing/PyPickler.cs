using System.Text;
using PyCompat.Pickling.Names;
using PyCompat.Pickling.Text;
using Razorvine.Pickle;

namespace PyCompat.Pickling.Writing;

/// <summary>
/// Razorvine's Pickler for one call, carrying the protocol the nodes write for. Razorvine's switch on built-in
/// .NET types (DateTime, TimeSpan, arrays, IEnumerable, ...) runs before its custom-pickler registry, so the
/// lowering step wraps every value that needs PyCompat's encoding in a <see cref="Node"/>, and one custom pickler
/// registered for the abstract <see cref="Node"/> writes them all.
/// </summary>
internal sealed class PyPickler : Pickler
{
    static PyPickler() => registerCustomPickler(typeof(Node), new NodePickler());

    public PyPickler(int protocol, bool useMemo = true) : base(useMemo) => Protocol = protocol;

    public int Protocol { get; }

    private sealed class NodePickler : IObjectPickler
    {
        public void pickle(object o, Stream outs, Pickler currentPickler) =>
            ((Node)o).Write(new NodeWriter(outs, (PyPickler)currentPickler));
    }
}

/// <summary>What a <see cref="Node"/> writes through: raw opcodes, and nested values saved by Razorvine.</summary>
internal readonly struct NodeWriter(Stream output, PyPickler pickler)
{
    public int Protocol => pickler.Protocol;

    public void Op(params ReadOnlySpan<byte> bytes) => output.Write(bytes);

    /// <summary>Writes a whole array through the stream's array overload (the span overload would copy it once more).</summary>
    public void Op(byte[] bytes) => output.Write(bytes, 0, bytes.Length);

    /// <summary>Writes the first <paramref name="count"/> bytes of <paramref name="bytes"/> (a buffer the caller reuses).</summary>
    public void Op(byte[] bytes, int count) => output.Write(bytes, 0, count);

    public void Save(object? value) => pickler.save(value!);

    /// <summary>Saves <paramref name="value"/> with the recursion counter <paramref name="counter"/> finds set to zero.</summary>
    public void SaveWithCounterReset(object? value, Func<Pickler, (object Owner, System.Reflection.FieldInfo Field)?> counter)
    {
        if (counter(pickler) is not var (owner, field))
        {
            Save(value);
            return;
        }
        var saved = (int)field.GetValue(owner)!;
        field.SetValue(owner, 0);
        try
        {
            Save(value);
        }
        finally
        {
            field.SetValue(owner, saved);
        }
    }

    /// <summary>
    /// A module-level global as CPython's Pickler writes it: below protocol 3 under its Python 2 name (fix_imports)
    /// and in ASCII, from protocol 3 in UTF-8 (CPython writes STACK_GLOBAL from protocol 4; GLOBAL reads the same).
    /// </summary>
    /// <exception cref="PicklingError">the name cannot be written at this protocol (CPython refuses it too).</exception>
    public void Global(string module, string name)
    {
        if (Protocol < 3) (module, name) = Python2Names.ToPython2(module, name);
        if (SurrogatePass.HasLoneSurrogate(module) || SurrogatePass.HasLoneSurrogate(name))
            throw new PicklingError($"can't pickle global identifier '{module}.{name}': it holds a lone surrogate, which "
                + "CPython cannot import or pickle as a name at any protocol");
        if (Protocol < 3 && (!Ascii.IsValid(module) || !Ascii.IsValid(name)))
            throw new PicklingError($"can't pickle global identifier '{module}.{name}' using pickle protocol {Protocol}: "
                + "protocols 0-2 write global names in ASCII; use protocol 3 or higher");
        Op([(byte)'c', .. Encoding.UTF8.GetBytes($"{module}\n{name}\n")]);
    }

    /// <summary>GLOBAL module.name, the arguments, then REDUCE: Python's <c>module.name(*args)</c>.</summary>
    public void Call(string module, string name, params object?[] args)
    {
        Global(module, name);
        SaveTuple(args);
        Op(0x52 /* REDUCE */);
    }

    public void SaveTuple(object?[] items)
    {
        if (items.Length > 3) Op((byte)'(');
        foreach (var item in items) Save(item);
        Op(items.Length switch { 0 => (byte)')', 1 => (byte)0x85, 2 => (byte)0x86, 3 => (byte)0x87, _ => (byte)'t' });
    }
}
