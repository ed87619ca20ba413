using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace PyCompat.Pickling;

/// <summary>Builds one repr; tracks the containers being printed so that a self-containing one prints <c>[...]</c>.</summary>
internal sealed class ReprWriter(int maxLength = int.MaxValue)
{
    private readonly StringBuilder _out = new();

    /// <summary>Thrown when the output passes the writer's maximum length.</summary>
    public sealed class TooLong : Exception;
    private readonly HashSet<object> _open = new(ReferenceEqualityComparer.Instance);

    public override string ToString() => _out.ToString();

    /// <summary>
    /// Writes <paramref name="value"/>. Containers are walked with an explicit stack of pending work, not by
    /// recursion, so a value nested any number of levels deep prints instead of overflowing the thread's stack.
    /// </summary>
    public ReprWriter Write(object? value)
    {
        _work.Push(Work.Value(value));
        while (_work.TryPop(out var next))
        {
            if (_out.Length > maxLength) throw new TooLong();
            switch (next.Kind)
            {
                case WorkKind.Text: _out.Append((string)next.Item!); break;
                case WorkKind.Close: _open.Remove(next.Item!); break;
                default: WriteOne(next.Item); break;
            }
        }
        return this;
    }

    private enum WorkKind { Value, Text, Close }

    private readonly record struct Work(WorkKind Kind, object? Item)
    {
        public static Work Value(object? value) => new(WorkKind.Value, value);
        public static Work Text(string text) => new(WorkKind.Text, text);
        public static Work Close(object container) => new(WorkKind.Close, container);
    }

    private readonly Stack<Work> _work = new();

    private void WriteOne(object? value)
    {
        switch (value)
        {
            case null: _out.Append("None"); break;
            case bool b: _out.Append(b ? "True" : "False"); break;
            case string s: _out.Append(StringText.Repr(s)); break;
            case char c: _out.Append(StringText.Repr(c.ToString())); break;
            case double d: _out.Append(FloatText.Repr(d)); break;
            case float f: _out.Append(FloatText.Repr(f)); break;
            case Half h: _out.Append(FloatText.Repr((double)h)); break;
            case BigInteger big when maxLength != int.MaxValue && big.GetBitLength() > 14_300:
                // CPython refuses str() of ints beyond 4300 digits; a capped repr names the size instead.
                _out.Append("<int of ").Append(big.GetBitLength()).Append(" bits>"); break;
            case int or long or short or sbyte or byte or ushort or uint or ulong or BigInteger or Int128 or UInt128:
                _out.Append(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            case decimal m: _out.Append("Decimal('").Append(DecimalText.ToPython(m)).Append("')"); break;
            case PyDecimal d: _out.Append("Decimal('").Append(d.Text).Append("')"); break;
            case Complex c: _out.Append(FloatText.ComplexRepr(c)); break;
            case byte[] bytes: _out.Append(StringText.BytesRepr(bytes)); break;
            case PyByteArray ba: _out.Append("bytearray(").Append(StringText.BytesRepr(ba.Bytes)).Append(')'); break;
            case DateOnly or TimeOnly or DateTime or DateTimeOffset or TimeSpan: _out.Append(TemporalText.Repr(value)); break;
            case PyGlobal g: _out.Append("<global ").Append(g.Module).Append('.').Append(g.Name).Append('>'); break;
            case PyObject o: WriteObject(o); break;
            case PyTuple t: WriteTuple(t.Items); break;
            case ITuple t when value.GetType().IsValueType || value.GetType().Name.StartsWith("Tuple`", StringComparison.Ordinal):
                WriteTuple(Enumerable.Range(0, t.Length).Select(i => t[i]).ToArray()); break;
            case PyFrozenSet fs: WriteSet(fs, fs.Count, "frozenset(", ")"); break;
            case PyDict dict: WriteDict(dict, dict.Select(p => (p.Key, p.Value))); break;
            case IDictionary dict: WriteDict(dict, dict.Pairs()); break;
            case Array array: WriteTuple(array.Cast<object?>().ToArray()); break;
            case IEnumerable set when IsSet(value): WriteSet(set, set.Cast<object?>().Count(), "", ""); break;
            case IList list: WriteList(list); break;
            default: _out.Append('<').Append(value.GetType().FullName).Append(" object>"); break;
        }
    }

    private void WriteObject(PyObject o) =>
        _out.Append('<').Append(o.Type.Module).Append('.').Append(o.Type.Name).Append(" object>");

    private void WriteTuple(object?[] items)
    {
        _out.Append('(');
        _work.Push(Work.Text(items.Length == 1 ? ",)" : ")"));
        PushItems(items);
    }

    private void WriteList(IList list)
    {
        if (!_open.Add(list))
        {
            _out.Append("[...]");
            return;
        }
        _out.Append('[');
        _work.Push(Work.Close(list));
        _work.Push(Work.Text("]"));
        PushItems(list);
    }

    private void WriteSet(IEnumerable set, int count, string prefix, string suffix)
    {
        if (count == 0)
        {
            _out.Append(prefix.Length > 0 ? "frozenset()" : "set()");
            return;
        }
        _out.Append(prefix).Append('{');
        _work.Push(Work.Text("}" + suffix));
        PushItems(set);
    }

    private void WriteDict(object identity, IEnumerable<(object? Key, object? Value)> pairs)
    {
        if (!_open.Add(identity))
        {
            _out.Append("{...}");
            return;
        }
        _out.Append('{');
        _work.Push(Work.Close(identity));
        _work.Push(Work.Text("}"));
        var items = new List<Work>();
        foreach (var (key, item) in pairs)
        {
            if (items.Count > 0) items.Add(Work.Text(", "));
            items.Add(Work.Value(key));
            items.Add(Work.Text(": "));
            items.Add(Work.Value(item));
        }
        for (var i = items.Count - 1; i >= 0; i--) _work.Push(items[i]);
    }

    /// <summary>Queues the items, separated by commas, so that they are written in order before what was queued before.</summary>
    private void PushItems(IEnumerable items)
    {
        var queued = new List<object?>();
        foreach (var item in items) queued.Add(item);
        for (var i = queued.Count - 1; i >= 0; i--)
        {
            _work.Push(Work.Value(queued[i]));
            if (i > 0) _work.Push(Work.Text(", "));
        }
    }

    private static bool IsSet(object value) => value.GetType().GetInterfaces().Any(i => i.IsGenericType
        && (i.GetGenericTypeDefinition() == typeof(ISet<>) || i.GetGenericTypeDefinition() == typeof(IReadOnlySet<>)));
}
