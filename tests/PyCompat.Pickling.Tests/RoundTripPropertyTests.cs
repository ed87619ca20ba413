using System.Numerics;
using CsCheck;

namespace PyCompat.Pickling.Tests;

/// <summary>Random values of the value table survive Dumps then Loads in .NET, for every protocol written.</summary>
public sealed class RoundTripPropertyTests
{
    private static readonly Gen<object?> Scalar = Gen.OneOf<object?>(
        Gen.Int[0, 0].Select(_ => (object?)null),
        Gen.Bool.Select(b => (object?)b),
        Gen.Int.Select(i => (object?)i),
        Gen.Long.Where(l => l is < int.MinValue or > int.MaxValue).Select(l => (object?)l),
        Gen.Byte.Array[9, 20].Select(b => (object?)NormalizedBig(new BigInteger(b))),
        Gen.Double.Select(d => (object?)d),
        Gen.String.Select(s => (object?)s),
        Gen.Byte.Array[0, 40].Select(b => (object?)b),
        Gen.Byte.Array[0, 10].Select(b => (object?)new PyByteArray(b)),
        Gen.Decimal.Select(m => (object?)m),
        Gen.Select(Gen.Double, Gen.Double, (re, im) => (object?)new Complex(re, im)),
        Gen.Int[1, 3_652_058].Select(d => (object?)DateOnly.FromDayNumber(d)),
        Gen.Long[0, TimeSpan.TicksPerDay - 1].Select(t => (object?)new TimeOnly(t / 10 * 10)),
        Gen.Long[DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks].Select(t => (object?)new DateTime(t / 10 * 10)),
        Gen.Select(Gen.Long[DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay],
            Gen.Int[-14 * 60, 14 * 60], (t, m) => (object?)new DateTimeOffset(t / 10 * 10, TimeSpan.FromMinutes(m))),
        Gen.Long.Select(t => (object?)TimeSpan.FromTicks(t / 10 * 10)),
        Gen.String[1, 5].Select(n => (object?)new PyGlobal("mod" + n, "Outer.name")));

    // Each branch boxed on its own: in one conditional expression the int and long would convert to BigInteger.
    private static object NormalizedBig(BigInteger b) =>
        b >= int.MinValue && b <= int.MaxValue ? (int)b
        : b >= long.MinValue && b <= long.MaxValue ? (object)(long)b
        : b;

    private static readonly Gen<object?> Value = Gen.Recursive<object?>((depth, self) => depth >= 3
        ? Scalar
        : Gen.Frequency(
            (4, Scalar),
            (1, self.Array[0, 4].Select(items => (object?)new PyTuple(items))),
            (1, self.List[0, 4].Select(items => (object?)items)),
            (1, Gen.Select(Scalar.Array[0, 4], self.Array[0, 4], (keys, values) =>
                (object?)new PyDict(keys.Zip(values, (k, v) => new KeyValuePair<object?, object?>(Hashable(k), v))))),
            (1, Scalar.Array[0, 4].Select(items => (object?)new HashSet<object?>(items.Select(Hashable), PyEqualityComparer.Instance))),
            (1, Scalar.Array[0, 4].Select(items => (object?)new PyFrozenSet(items.Select(Hashable)))),
            (1, Gen.Select(self.Array[0, 2], self, Gen.Bool, (args, state, reduce) => (object?)new PyObject(
                new PyGlobal("m", "C"), new PyTuple(args), state is null ? null : new PyDict { ["s"] = state }, reduce)))));

    /// <summary>bytearray is unhashable in Python, so it cannot be a key or a set item.</summary>
    private static object? Hashable(object? value) => value is PyByteArray b ? b.Bytes : value;

    [Fact]
    public void Random_value_table_values_round_trip_through_dumps_and_loads_equal()
    {
        Gen.Select(Value, Gen.Int[2, 5]).Sample((value, protocol) =>
        {
            var decoded = PyPickle.Loads(PyPickle.Dumps(value, protocol), PickleLoadOptions.Trusted);
            return Same(value, decoded);
        }, iter: 2000);
    }

    /// <summary>Structural equality: what Python's == would say, plus exact types (bytes vs bytearray, tuple vs list).</summary>
    private static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y)
            || (double.IsNaN(x) && double.IsNaN(y)),
        (Complex x, Complex y) => Same(x.Real, y.Real) && Same(x.Imaginary, y.Imaginary),
        (decimal x, decimal y) => x == y && x.Scale == y.Scale,
        (DateTimeOffset x, DateTimeOffset y) => x == y && x.Offset == y.Offset,
        (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second)),
        (PyTuple x, PyTuple y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second)),
        (PyDict x, PyDict y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First.Key, p.Second.Key) && Same(p.First.Value, p.Second.Value)),
        (PyObject x, PyObject y) => x.Type == y.Type && x.ViaReduce == y.ViaReduce && Same(x.Args, y.Args) && Same(x.State, y.State),
        (HashSet<object?> x, HashSet<object?> y) => x.SetEquals(y),
        _ => a is not null && a.GetType() == b?.GetType() && PyEqualityComparer.Instance.Equals(a, b),
    };
}
