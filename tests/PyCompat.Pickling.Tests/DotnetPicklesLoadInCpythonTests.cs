using System.Numerics;
using PyCompat.Pickling.Tests.Infrastructure;

namespace PyCompat.Pickling.Tests;

/// <summary>C# values pickled by PyCompat, loaded by CPython's pickle.loads (one python3 run for the class).</summary>
public sealed class DotnetPicklesFixture
{
    private static PyTuple Nest(int depth) => depth == 1 ? new PyTuple(1) : new PyTuple(Nest(depth - 1));

    private static PyTuple Twice(PyTuple tuple) => new(tuple, tuple);

    // Every kind of item a scalar list or tuple node writes, with the int boundaries of its opcodes.
    private static readonly object?[] EveryScalar =
    [
        null, true, false, 0, 255, 256, 65535, 65536, -1, int.MinValue, int.MaxValue, 2147483648L, -2147483649L,
        long.MinValue, long.MaxValue, 5L, 1.5, -0.0, double.NaN, double.NegativeInfinity,
    ];

    private const string EveryScalarInPython = "None, True, False, 0, 255, 256, 65535, 65536, -1, -2**31, 2**31 - 1, "
        + "2**31, -2**31 - 1, -2**63, 2**63 - 1, 5, 1.5, -0.0, float('nan'), float('-inf')";

    private static readonly (string Name, object? Value, string Python)[] Values =
    [
        ("null", null, "None"),
        ("true", true, "True"),
        ("int", 42, "42"),
        ("negative long", -5_000_000_000L, "-5000000000"),
        ("byte", (byte)200, "200"),
        ("ulong max", ulong.MaxValue, "2**64 - 1"),
        ("bigint", BigInteger.Pow(2, 100), "2**100"),
        ("negative bigint", -BigInteger.Pow(3, 300), "-3**300"),
        ("double", 1.5, "1.5"),
        ("negative zero", -0.0, "-0.0"),
        ("infinity", double.PositiveInfinity, "float('inf')"),
        ("nan", double.NaN, "float('nan')"),
        ("string", "café \U0001F600 'q'", "'café \\U0001F600 \\'q\\''"),
        ("char", 'x', "'x'"),
        ("bytes", new byte[] { 0, 255, 39 }, "b\"\\x00\\xff'\""),
        ("empty bytes", Array.Empty<byte>(), "b''"),
        ("long bytes", Enumerable.Range(0, 300).Select(i => (byte)i).ToArray(), "bytes(i % 256 for i in range(300))"),
        // From 64 KiB on, bytes pickled on their own at protocol 3+ are written straight into their pickle (LargeBytes).
        ("bytes one short of 64 KiB", Enumerable.Range(0, 65535).Select(i => (byte)(i % 251)).ToArray(), "bytes(i % 251 for i in range(65535))"),
        ("bytes of 64 KiB", Enumerable.Range(0, 65536).Select(i => (byte)(i % 251)).ToArray(), "bytes(i % 251 for i in range(65536))"),
        ("bytes of 1 MB", Enumerable.Range(0, 1_000_003).Select(i => (byte)(i % 253)).ToArray(), "bytes(i % 253 for i in range(1000003))"),
        ("bytearray", new PyByteArray([1, 2]), "bytearray(b'\\x01\\x02')"),
        ("tuple with a bigint", new PyTuple(1, BigInteger.Pow(10, 30), "a"), "(1, 10**30, 'a')"),
        ("one-tuple", new PyTuple(1), "(1,)"),
        // Small tuples of scalars and short str are written straight into their pickle (Writing/SmallValue.cs); past
        // its limits (16 items, 8 levels, 128 chars, a long beyond 32 bits, a lone surrogate) the writer takes them.
        ("pool result", new PyTuple(7, 3, new PyTuple(true, 25)), "(7, 3, (True, 25))"),
        ("small tuple of every scalar kind", new PyTuple(EveryScalar[..16]), $"({string.Join(", ", EveryScalarInPython.Split(", ")[..16])})"),
        ("small tuple of str", new PyTuple("", "caf\u00e9 \U0001F600", new string('q', 128), new string('r', 129)),
            "('', 'caf\\u00e9 \\U0001F600', 'q' * 128, 'r' * 129)"),
        ("tuple of 17 ints", new PyTuple(Enumerable.Range(0, 17).Select(i => (object?)i).ToArray()), "tuple(range(17))"),
        ("tuples 9 deep", Nest(9), "(((((((((1,),),),),),),),),)"),
        ("small tuple with a lone surrogate", new PyTuple("a\ud800", 1), "('a\\ud800', 1)"),
        ("the same small tuple twice", Twice(new PyTuple(1, "a")), "((1, 'a'), (1, 'a'))"),
        ("empty tuple", PyTuple.Empty, "()"),
        ("object array as tuple", new object?[] { 1, null, "x", 4.5 }, "(1, None, 'x', 4.5)"),
        ("value tuple", (1, "a"), "(1, 'a')"),
        ("list", new List<object?> { 1, "two", new List<int> { 3 } }, "[1, 'two', [3]]"),
        ("int array", new[] { 1, 2, 3 }, "(1, 2, 3)"),
        ("list of every scalar kind", new List<object?>(EveryScalar), $"[{EveryScalarInPython}]"),
        ("long tuple of every scalar kind", new PyTuple(EveryScalar), $"({EveryScalarInPython})"),
        ("tuple of 2,500 ints, past one write", new PyTuple(Enumerable.Range(0, 2500).Select(i => (object?)(i * 3L)).ToArray()),
            "tuple(i * 3 for i in range(2500))"),
        ("list of 2,001 ints, past one APPENDS batch", Enumerable.Range(-1000, 2001).Select(i => (object?)(i * 70_001L)).ToList(),
            "[i * 70001 for i in range(-1000, 1001)]"),
        ("one-item list", new List<object?> { 7 }, "[7]"),
        ("dict with None and tuple keys", new PyDict { [null] = 1, [new PyTuple(1, 2)] = "t", ["s"] = new PyDict() },
            "{None: 1, (1, 2): 't', 's': {}}"),
        ("generic dictionary", new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, "{'a': 1, 'b': 2}"),
        ("set", new HashSet<object?> { 1, "a", new PyTuple(2) }, "{1, 'a', (2,)}"),
        ("empty set", new HashSet<int>(), "set()"),
        ("frozenset", new PyFrozenSet(1, 2), "frozenset({1, 2})"),
        ("frozenset key", new PyDict { [new PyFrozenSet(1)] = "fs" }, "{frozenset({1}): 'fs'}"),
        ("complex", new Complex(1, -2), "1-2j"),
        ("decimal", 1.50m, "Decimal('1.50')"),
        ("small decimal", 0.0000001m, "Decimal('1E-7')"),
        ("PyDecimal", new PyDecimal("-Infinity"), "Decimal('-Infinity')"),
        ("date", new DateOnly(2024, 1, 2), "datetime.date(2024, 1, 2)"),
        ("time", new TimeOnly(3, 4, 5).Add(TimeSpan.FromTicks(60)), "datetime.time(3, 4, 5, 6)"),
        ("datetime with microseconds", new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(1234567),
            "datetime.datetime(2024, 1, 2, 3, 4, 5, 123456)"),
        ("utc datetimeoffset", new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
            "datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)"),
        ("negative offset", new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(-8)),
            "datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=-8)))"),
        ("two offsets at one instant", new List<object?>
            {
                new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2024, 1, 1, 13, 0, 0, TimeSpan.FromHours(1)),
            },
            "[datetime.datetime(2024, 1, 1, 12, 0, tzinfo=datetime.timezone.utc), "
            + "datetime.datetime(2024, 1, 1, 13, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))]"),
        ("equal decimals with different scales", new List<object?> { 1.0m, 1.00m }, "[Decimal('1.0'), Decimal('1.00')]"),
        ("timespan", TimeSpan.FromDays(1) + TimeSpan.FromSeconds(2) + TimeSpan.FromTicks(30), "datetime.timedelta(days=1, seconds=2, microseconds=3)"),
        ("negative timespan", TimeSpan.FromTicks(-10), "datetime.timedelta(microseconds=-1)"),
        ("global", new PyGlobal("os.path", "join"), "__import__('os').path.join"),
        ("nested global", new PyGlobal("collections", "OrderedDict.fromkeys"), "__import__('collections').OrderedDict.fromkeys"),
        ("reduce object", new PyObject(new PyGlobal("fractions", "Fraction"), new PyTuple(1, 3), ViaReduce: true),
            "__import__('fractions').Fraction(1, 3)"),
    ];

    private static readonly LoadCase[] Extra =
    [
        new("A tuple with a bigint round trips through cpython @2", new PyTuple(BigInteger.Pow(2, 70), "x"), "(2**70, 'x')"),
        new("bytes stay bytes @2", new byte[] { 1 }, "'bytes'", "type(v).__name__"),
        new("bytearray stays bytearray @2", new PyByteArray([1]), "'bytearray'", "type(v).__name__"),
        new("tuple stays a tuple @2", new PyTuple(1), "'tuple'", "type(v).__name__"),
        new("list shared twice stays shared @2", SharedList(), "True", "v[0] is v[1]"),
        new("list containing itself @2", SelfList(), "True", "v[0] is v"),
        new("newobj with state @2", new PyObject(new PyGlobal("argparse", "Namespace"), PyTuple.Empty, new PyDict { ["a"] = 1 }),
            "__import__('argparse').Namespace(a=1)"),
    ];

    private static List<object?> SharedList()
    {
        var shared = new List<object?> { 1 };
        return [shared, shared];
    }

    private static List<object?> SelfList()
    {
        var self = new List<object?>();
        self.Add(self);
        return self;
    }

    public static readonly LoadCase[] Cases =
    [
        .. from v in Values from p in new[] { 2, 3, 4, 5 } select new LoadCase($"{v.Name} @{p}", v.Value, v.Python, Protocol: p),
        .. Extra,
    ];

    public IReadOnlyDictionary<string, LoadAnswer> Answers { get; } = CpythonLoads.Run(Cases);
}

public sealed class DotnetPicklesLoadInCpythonTests(DotnetPicklesFixture fixture) : IClassFixture<DotnetPicklesFixture>
{
    public static TheoryData<string> Ids => new(DotnetPicklesFixture.Cases.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void A_dotnet_value_loads_in_cpython_equal_to_the_intended_python_value(string id)
    {
        var answer = fixture.Answers[id];

        Assert.Null(answer.Error);
        Assert.Equal(answer.Expected, answer.Repr);
    }
}
