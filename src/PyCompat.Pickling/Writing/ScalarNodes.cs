using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using PyCompat.Pickling.Text;

namespace PyCompat.Pickling.Writing;

/// <summary>An int beyond 64 bits (Razorvine recurses into BigInteger's properties): LONG1/LONG4, as CPython writes.</summary>
internal sealed class IntNode(BigInteger value) : Node
{
    public override void Write(NodeWriter writer)
    {
        var bytes = value.IsZero ? [] : value.ToByteArray();
        if (bytes.Length < 256)
        {
            writer.Op(0x8a, (byte)bytes.Length);
        }
        else
        {
            Span<byte> header = stackalloc byte[5];
            header[0] = 0x8b;
            BinaryPrimitives.WriteInt32LittleEndian(header[1..], bytes.Length);
            writer.Op(header);
        }
        writer.Op(bytes);
    }
}

/// <summary>
/// Python bytes (Razorvine writes byte[] as bytearray), as SHORT_BINBYTES / BINBYTES under every protocol. Protocol 2
/// has no bytes opcode and CPython itself writes <c>_codecs.encode(latin1_text, 'latin1')</c> there (1.5 times the
/// size, and a text round trip each way), but CPython 3's unpickler reads every opcode whatever PROTO announced, so
/// PyCompat uses the protocol 3 opcodes: the same bytes for CPython 3, which is what PyCompat talks to (Python 2,
/// which cannot read them, is no target).
/// </summary>
internal sealed class BytesNode(byte[] bytes) : Node
{
    public override void Write(NodeWriter writer)
    {
        if (bytes.Length < 256)
        {
            writer.Op((byte)'C', (byte)bytes.Length);
        }
        else
        {
            Span<byte> header = stackalloc byte[5];
            header[0] = (byte)'B';
            BinaryPrimitives.WriteInt32LittleEndian(header[1..], bytes.Length);
            writer.Op(header);
            writer.Op(bytes);
            return;
        }
        writer.Op(bytes.AsSpan());
    }
}

/// <summary>
/// A str holding a lone surrogate (Razorvine's UTF-8 encoder would write U+FFFD for it): BINUNICODE with the bytes
/// CPython writes, <c>text.encode('utf-8', 'surrogatepass')</c>.
/// </summary>
internal sealed class StringNode(string text) : Node
{
    public override void Write(NodeWriter writer)
    {
        var bytes = SurrogatePass.Encode(text);
        Span<byte> header = stackalloc byte[5];
        header[0] = (byte)'X';
        BinaryPrimitives.WriteInt32LittleEndian(header[1..], bytes.Length);
        writer.Op(header);
        writer.Op(bytes);
    }
}

/// <summary>Python bytearray, in the form CPython writes for the protocol.</summary>
internal sealed class ByteArrayNode(byte[] bytes) : Node
{
    public override void Write(NodeWriter writer)
    {
        switch (writer.Protocol)
        {
            case < 3:
                writer.Call("builtins", "bytearray", Encoding.Latin1.GetString(bytes), "latin-1");
                return;
            case < 5:
                writer.Call("builtins", "bytearray", new BytesNode(bytes));
                return;
            default:
                Span<byte> header = stackalloc byte[9];
                header[0] = 0x96; // BYTEARRAY8
                BinaryPrimitives.WriteInt64LittleEndian(header[1..], bytes.Length);
                writer.Op(header);
                writer.Op(bytes);
                return;
        }
    }
}

/// <summary><c>decimal.Decimal(text)</c>; the text keeps the exponent, so 1.50 stays 1.50.</summary>
internal sealed class DecimalNode(string text) : Node
{
    public override void Write(NodeWriter writer) => writer.Call("decimal", "Decimal", text);
}

/// <summary><c>complex(real, imag)</c> (Razorvine would write Complex's properties as a dict).</summary>
internal sealed class ComplexNode(Complex value) : Node
{
    public override void Write(NodeWriter writer) => writer.Call("builtins", "complex", value.Real, value.Imaginary);
}

/// <summary>
/// A module-level global (function or class): GLOBAL module name. Before protocol 4, CPython's Unpickler looks
/// the name up with one getattr, so a nested name (Outer.method) is written as CPython writes it there:
/// <c>getattr(module.Outer, 'method')</c>.
/// </summary>
internal sealed class GlobalNode(PyGlobal global) : Node
{
    public PyGlobal Global { get; } = global;

    public override void Write(NodeWriter writer)
    {
        var dot = Global.Name.LastIndexOf('.');
        if (writer.Protocol >= 4 || dot < 0)
        {
            writer.Global(Global.Module, Global.Name);
            return;
        }
        writer.Call("builtins", "getattr", new GlobalNode(Global with { Name = Global.Name[..dot] }), Global.Name[(dot + 1)..]);
    }
}
