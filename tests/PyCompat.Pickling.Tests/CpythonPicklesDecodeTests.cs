using PyCompat.Pickling.Tests.Infrastructure;

namespace PyCompat.Pickling.Tests;

/// <summary>CPython pickles every expression with protocols 0-5 (one python3 run for the whole class).</summary>
public sealed class CpythonPicklesFixture
{
    public static readonly string[] Expressions =
    [
        "None", "True", "False", "0", "-1", "255", "65536", "2**31 - 1", "-2**31", "2**31", "2**63 - 1", "-2**63",
        "2**64", "-2**100", "10**40",
        "0.0", "-0.0", "1.0", "1.5", "1e16", "1e15", "0.0001", "1e-05", "1/3", "float('inf')", "float('-inf')",
        "float('nan')", "2.5e-300", "123456789.125",
        "''", "'abc'", "\"it's\"", "'say \"hi\"'", "'both \\' and \"'", "'tab\\tnew\\nline\\r\\x00\\x7f'",
        "'caf\\u00e9 \\u20ac \\U0001f600'", "'\\u00a0\\u2028\\ufeff'", "'back\\\\slash'",
        "b''", "b'abc'", "bytes(range(256))", "b\"it's\"", "bytearray()", "bytearray(b'\\x00\\xffz')",
        "()", "(1,)", "(1, 'a')", "(1, 2, 3)", "(1, 2, 3, 4, 5)", "((1, 2), (3,))",
        "[]", "[1, [2, [3]]]", "[None, True, 1.5, 'x', b'y']",
        "{}", "{'a': 1, 'b': [2]}", "{None: 'none', (1, 2): 'tuple', 3: None}", "{1: {2: {3: ()}}}",
        "set()", "{1, 2, 3}", "{(1, 2), None}", "frozenset()", "frozenset({1, 2})", "{frozenset({1}): 'fs'}",
        "1j", "1+2j", "complex(-0.0, -1.5)", "complex(1e16, float('inf'))",
        "Decimal('1.5')", "Decimal('1.50')", "Decimal('-0.000001')", "Decimal('1E-7')", "Decimal('1E+2')",
        "Decimal('NaN')", "Decimal('-Infinity')", "Decimal('123456789012345678901234567890.5')",
        "datetime.date(2024, 1, 2)", "datetime.date(1, 1, 1)", "datetime.time(3, 4)", "datetime.time(3, 4, 5, 6)",
        "datetime.datetime(2024, 1, 2, 3, 4, 5, 6)", "datetime.datetime(2024, 1, 2)",
        "datetime.datetime(9999, 12, 31, 23, 59, 59, 999999)",
        "datetime.datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=datetime.timezone.utc)",
        "datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.timezone(datetime.timedelta(hours=5, minutes=30)))",
        "datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.timezone(-datetime.timedelta(hours=8)))",
        "datetime.timedelta(0)", "datetime.timedelta(days=1, seconds=2)", "datetime.timedelta(microseconds=1)",
        "datetime.timedelta(days=-1, seconds=86399, microseconds=999999)", "datetime.timedelta(weeks=1000)",
        "[1, (2, {3: frozenset({4})}), {'k': [b'v', bytearray(b'w')]}]",
        "(lambda x: [x, x])([1])",
    ];

    public CpythonPicklesFixture()
    {
        Cases = Python.Fixtures("dump", Expressions).EnumerateArray()
            .Select(e => (Expr: e.GetProperty("expr").GetString()!, Protocol: e.GetProperty("protocol").GetInt32(),
                Pickle: Convert.FromBase64String(e.GetProperty("pickle").GetString()!), Repr: e.GetProperty("repr").GetString()!))
            .ToDictionary(c => $"{c.Expr} @ {c.Protocol}", c => (c.Pickle, c.Repr));
    }

    public IReadOnlyDictionary<string, (byte[] Pickle, string Repr)> Cases { get; }
}

public sealed class CpythonPicklesDecodeTests(CpythonPicklesFixture fixture) : IClassFixture<CpythonPicklesFixture>
{
    public static TheoryData<string, int> Cases
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var expr in CpythonPicklesFixture.Expressions)
                for (var protocol = 0; protocol <= 5; protocol++) data.Add(expr, protocol);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_cpython_pickle_decodes_to_the_value_python_reprs_identically(string expr, int protocol)
    {
        var (pickle, repr) = fixture.Cases[$"{expr} @ {protocol}"];

        Assert.Equal(repr, PyRepr.Repr(PyPickle.Loads(pickle)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    public void A_decoded_dict_with_tuple_keys_is_looked_up_by_value(int protocol)
    {
        var (pickle, _) = fixture.Cases[$"{{None: 'none', (1, 2): 'tuple', 3: None}} @ {protocol}"];

        var dict = Assert.IsType<PyDict>(PyPickle.Loads(pickle));

        Assert.Equal("tuple", dict[new PyTuple(1, 2)]);
        Assert.Equal("none", dict[null]);
        Assert.True(dict.ContainsKey(3L));
    }

    [Theory]
    [InlineData("2**31 - 1", typeof(int))]
    [InlineData("2**31", typeof(long))]
    [InlineData("2**64", typeof(System.Numerics.BigInteger))]
    [InlineData("b'abc'", typeof(byte[]))]
    [InlineData("bytearray()", typeof(PyByteArray))]
    [InlineData("(1, 'a')", typeof(PyTuple))]
    [InlineData("frozenset({1, 2})", typeof(PyFrozenSet))]
    [InlineData("Decimal('1.50')", typeof(decimal))]
    [InlineData("Decimal('1E+2')", typeof(PyDecimal))]
    [InlineData("datetime.datetime(2024, 1, 2, 3, 4, 5, 6)", typeof(DateTime))]
    [InlineData("datetime.datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=datetime.timezone.utc)", typeof(DateTimeOffset))]
    [InlineData("datetime.timedelta(microseconds=1)", typeof(TimeSpan))]
    public void Every_protocol_decodes_to_the_same_dotnet_type(string expr, Type expected)
    {
        for (var protocol = 0; protocol <= 5; protocol++)
            Assert.IsType(expected, PyPickle.Loads(fixture.Cases[$"{expr} @ {protocol}"].Pickle));
    }

    [Fact]
    public void A_list_shared_twice_decodes_to_one_shared_list()
    {
        var outer = Assert.IsType<List<object?>>(PyPickle.Loads(fixture.Cases["(lambda x: [x, x])([1]) @ 2"].Pickle));

        Assert.Same(outer[0], outer[1]);
    }
}
