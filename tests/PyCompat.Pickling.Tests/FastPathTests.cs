using PyCompat.Pickling.Tests.Infrastructure;

namespace PyCompat.Pickling.Tests;

/// <summary>
/// The speed paths change how bytes are written or read, never the value: CPython loads PyCompat's pickles to the
/// intended value, and PyCompat decodes CPython's pickles to what CPython reprs (docs/performance-pickle.md).
/// </summary>
public sealed class FastPathFixture
{
    public static readonly byte[] Large = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();

    private static List<object?> SelfListWithBytes()
    {
        var list = new List<object?> { 1 };
        list.Add(list);
        list.Add(new byte[] { 1, 2 }); // lowered after the self-reference was met: the reused list must be given up
        return list;
    }

    private static List<object?> InnerPointsBack()
    {
        var outer = new List<object?>();
        outer.Add(new List<object?> { outer });
        outer.Add(new byte[] { 9 });
        return outer;
    }

    private static readonly (string Name, object? Value, string Python, string? Check)[] Values =
    [
        ("int list written by the scalar list node", Enumerable.Range(0, 3000).Select(i => (object?)(i * 1000)).ToList(), "list(range(0, 3000000, 1000))", null),
        ("list copied from its first bytes item", new List<object?> { 1, "a", new byte[] { 0, 255 }, 2.5 }, "[1, 'a', b'\\x00\\xff', 2.5]", null),
        ("self list with bytes", SelfListWithBytes(), "True", "v[1] is v and v[2] == b'\\x01\\x02' and v[0] == 1"),
        ("inner list pointing back", InnerPointsBack(), "True", "v[0][0] is v and v[1] == b'\\t'"),
        ("shared list keeps its identity", SharedTwice(), "True", "v[0] is v[1] and v[0] == [1, b'x']"),
        ("scalar tuple shared twice", TupleTwice(), "[(1, 'a', None, 2.5), (1, 'a', None, 2.5)]", null),
        ("long scalar list shared twice keeps its identity", LongListTwice(), "True", "v[0] is v[1] and v[0] == list(range(20))"),
        ("long scalar tuple shared twice", LongTupleTwice(), "[tuple(range(20)), tuple(range(20))]", null),
        ("dict keys in order with None and tuples", new PyDict { ["b"] = 1, [null] = 2, [new PyTuple(1, 2)] = 3, ["a"] = new PyDict { [1] = "x" } },
            "{'b': 1, None: 2, (1, 2): 3, 'a': {1: 'x'}}", null),
        ("dict of str to float", new PyDict(Enumerable.Range(0, 500).Select(i => new KeyValuePair<object?, object?>($"k{i}", i * 0.5))),
            "{f'k{i}': i * 0.5 for i in range(500)}", null),
        ("small bytes", new byte[] { 39, 34, 0 }, "b'\\'\"\\x00'", null),
        ("300 bytes", Enumerable.Range(0, 300).Select(i => (byte)i).ToArray(), "bytes(i % 256 for i in range(300))", null),
        ("100 kB bytes", Large, "bytes((i * 7) % 256 for i in range(100000))", null),
        ("bytes stay bytes", new List<object?> { Large, new PyByteArray(Large) }, "['bytes', 'bytearray']", "[type(x).__name__ for x in v]"),
    ];

    private static List<object?> SharedTwice()
    {
        var shared = new List<object?> { 1, new byte[] { (byte)'x' } };
        return [shared, shared];
    }

    private static List<object?> LongListTwice()
    {
        var shared = Enumerable.Range(0, 20).Select(i => (object?)i).ToList();
        return [shared, shared];
    }

    private static List<object?> LongTupleTwice()
    {
        var tuple = new PyTuple(Enumerable.Range(0, 20).Select(i => (object?)i).ToArray());
        return [tuple, tuple];
    }

    private static List<object?> TupleTwice()
    {
        var tuple = new PyTuple(1, "a", null, 2.5);
        return [tuple, tuple];
    }

    public static readonly LoadCase[] Cases =
        [.. from v in Values from p in new[] { 2, 3, 4, 5 } select new LoadCase($"{v.Name} @{p}", v.Value, v.Python, v.Check, p)];

    /// <summary>Every scalar opcode at its edges, and scalars the general path must take (a lone surrogate, a long
    /// str, LONG1 beyond 8 bytes).</summary>
    public static readonly string[] ScalarExpressions =
    [
        "0", "5", "255", "256", "65535", "65536", "-1", "2**31 - 1", "-2**31", "2**31", "-2**31 - 1", "2**63 - 1", "-2**63",
        "2**63", "2**70", "1.5", "-0.0", "float('inf')", "None", "True", "False", "''", "'hello'", "'caf\\u00e9'",
        "'\\ud800'", "'x' * 300", "b''", "b'xy'",
    ];

    public static readonly string[] CpythonExpressions =
    [
        "[(i,) for i in range(2000)]", "list(range(-5000, 5000, 7))", "{f'key{i}': i * 0.5 for i in range(2000)}",
        "[(i, -i, i * 1.5, f's{i}', None) for i in range(500)]", "bytes(range(256)) * 400", "bytearray(bytes(range(256)) * 400)",
        "[f'caf\\u00e9 \\u20ac{i} \\u65e5\\u672c' for i in range(1000)]",
        "(lambda b: [b, b, (b,)])(bytes(range(256)) * 300)", "(lambda s: {'a': s, 'b': s})('shared ' * 10)",
        // Lists and dicts long enough to be made at their counted length: shared, inside themselves, as an argument
        // (protocol 2 pickles a set as set(list)), exactly at the length where counting starts, and just below it.
        "(lambda l: (l.append(l), l)[1])(list(range(20)))", "(lambda l: [l, l, {'k': l}, (l,)])(list(range(20)))",
        "{i: str(i) for i in range(20)}", "[[i] * 16 for i in range(3)] + [[0] * 15]", "set(range(20))",
        "(lambda d: [d, d])({f'k{i}': [i] for i in range(16)})",
        // Keys that go straight into the dict, then ones the raiser must map (a tuple, an int beyond 64 bits), then more.
        "{**{f'k{i}': i for i in range(20)}, (1, 'x'): 't', 10**20: 'l', None: 0, 2.5: 'f', True: 'b', 'k3': 'again'}",
        // Long lists whose flat items the transcoder reads itself (Reading/PickleTranscoder.FlatLists.cs): every kind
        // of item and each int opcode's edges; a last batch of one item (APPEND, after 1,000 by APPENDS), a tuple in
        // it by MARK..TUPLE; a batch it must leave to Razorvine (a list item, a shared tuple, a shared str, a lone
        // surrogate, an int beyond 64 bits) with flat batches before and after; a list of lists; tuples as set(list)
        // and frozenset(list) arguments at protocols 0-2. The first list shares no object (so no memo GET: a 'b'
        // and a (5,) where the same literal would be one constant), so the transcoder reads all of it.
        "[None, True, False, 0, 1, 255, 256, 65535, 65536, -1, -255, -2**31, 2**31 - 1, 2**31, -2**31 - 1, 2**40, "
            + "-2**40, 2**63 - 1, -2**63, 128, -129, 32768, -32769, 1.5, -0.0, float('inf'), 1e300, '', 'a', 'caf\u00e9' * 50, "
            + "'x' * 300, b'', b'by', (), (1,), (1, 'b'), (1, 2.5, None), (1, 2, 3, 4), ((5,), (2, (3,))), ('s', True)]",
        "list(range(1001))", "[(i,) for i in range(1001)]", "[(i, -i, f's{i}', None) for i in range(1001)]",
        "list(range(1500)) + [[1]] + list(range(1500))", "list(range(1200)) + [10**20] + [i * 0.5 for i in range(1200)]",
        "(lambda t: list(range(1100)) + [t] * 30 + list(range(900)))((1, 'a'))", "(lambda t: [list(range(20)) + [t], t])((1, 'a'))",
        "(lambda s: list(range(1100)) + [s, s] + [f'x{i}' for i in range(900)])('shared')",
        "['a'] * 20 + ['\ud800'] + list(range(2000))", "[list(range(20)) for _ in range(20)]",
        "set((i, str(i)) for i in range(20))", "frozenset((i, i * 0.5) for i in range(20))",
        "(lambda l: (l.extend(range(1500)), l.append(l), l.extend(range(10)), l)[3])([])",
        // Large bytes, which protocols 0-2 write as _codecs.encode(latin-1 text, 'latin1') and the transcoder reads
        // straight into bytes (Reading/PickleTranscoder.EncodedBytes.cs): all ASCII, ASCII and two-byte runs that
        // do not line up with its 32-byte blocks, random bytes; and large str that are not bytes: latin-1 text alone,
        // shared, in a 2-tuple with an encoding but no call, text beyond latin-1, lone surrogates.
        "b'a' * 65537", "bytes(i % 128 if (i // 37) % 2 else 128 + i % 128 for i in range(70000))",
        "__import__('random').Random(1).randbytes(70001)", "bytearray(__import__('random').Random(2).randbytes(70000))",
        "'\\xe9' * 40000", "(lambda s: [s, s])('\\xe9' * 40000)", "('\\xff' * 40000, 'latin1')", "'caf\\u00e9 \\u20ac' * 10000",
        "'\\ud800x' * 30000",
        // Pickles of one scalar, which Reading/ScalarPickle.cs reads itself (see Scalar_pickles_decode_to_the_value_tables_types).
        .. ScalarExpressions,
    ];

    public IReadOnlyDictionary<string, LoadAnswer> Answers { get; } = CpythonLoads.Run(Cases);

    public IReadOnlyList<(string Expr, int Protocol, byte[] Pickle, string Repr)> Cpython { get; } =
        Python.Fixtures("dump", CpythonExpressions).EnumerateArray()
            .Select(e => (e.GetProperty("expr").GetString()!, e.GetProperty("protocol").GetInt32(),
                Convert.FromBase64String(e.GetProperty("pickle").GetString()!), e.GetProperty("repr").GetString()!))
            .ToList();
}

public sealed class FastPathTests(FastPathFixture fixture) : IClassFixture<FastPathFixture>
{
    public static TheoryData<string> Ids => new(FastPathFixture.Cases.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void CPython_loads_what_the_fast_paths_write_to_the_intended_value(string id)
    {
        var answer = fixture.Answers[id];

        Assert.Null(answer.Error);
        Assert.Equal(answer.Expected, answer.Repr);
    }

    [Fact]
    public void The_fast_paths_decode_cpython_pickles_to_what_cpython_reprs()
    {
        foreach (var (expr, protocol, pickle, repr) in fixture.Cpython)
            Assert.True(repr == PyRepr.Repr(PyPickle.Loads(pickle)), $"{expr} @ {protocol}");
    }

    [Fact]
    public void Large_bytes_shared_through_the_memo_stay_one_object()
    {
        var (_, _, pickle, _) = fixture.Cpython.First(c => c.Expr.StartsWith("(lambda b:", StringComparison.Ordinal) && c.Protocol == 5);

        var list = Assert.IsType<List<object?>>(PyPickle.Loads(pickle));

        Assert.Same(list[0], list[1]);
        Assert.Same(list[0], Assert.IsType<PyTuple>(list[2])[0]);
    }

    [Fact]
    public void A_shared_tuple_in_a_long_list_of_flat_items_stays_one_object()
    {
        foreach (var (_, protocol, pickle, _) in fixture.Cpython.Where(c => c.Expr.StartsWith("(lambda t: list", StringComparison.Ordinal)))
        {
            var list = Assert.IsType<List<object?>>(PyPickle.Loads(pickle));

            Assert.Equal(2030, list.Count);
            Assert.True(ReferenceEquals(list[1100], list[1129]), $"protocol {protocol}");
            Assert.Equal(899, list[^1]);
        }
    }

    [Fact]
    public void A_tuple_in_a_long_list_that_is_read_again_after_the_list_stays_one_object()
    {
        foreach (var (_, protocol, pickle, _) in fixture.Cpython.Where(c => c.Expr.StartsWith("(lambda t: [list", StringComparison.Ordinal)))
        {
            var outer = Assert.IsType<List<object?>>(PyPickle.Loads(pickle));

            var inner = Assert.IsType<List<object?>>(outer[0]);
            Assert.True(ReferenceEquals(inner[20], outer[1]), $"protocol {protocol}");
        }
    }

    [Fact]
    public void A_long_list_of_flat_items_that_contains_itself_is_its_own_item()
    {
        foreach (var (_, protocol, pickle, _) in fixture.Cpython.Where(c => c.Expr.StartsWith("(lambda l: (l.extend", StringComparison.Ordinal)))
        {
            var list = Assert.IsType<List<object?>>(PyPickle.Loads(pickle));

            Assert.Equal(1511, list.Count);
            Assert.True(ReferenceEquals(list, list[1500]), $"protocol {protocol}");
            Assert.Equal(1499, list[1499]);
            Assert.Equal(9, list[^1]);
        }
    }

    [Fact]
    public void Scalar_pickles_decode_to_the_value_tables_types()
    {
        // VALUES.md: an int is int if it fits, else long, else BigInteger; a float double; str string; bytes byte[].
        foreach (var (expr, protocol, pickle, _) in fixture.Cpython.Where(c => FastPathFixture.ScalarExpressions.Contains(c.Expr)))
        {
            var value = PyPickle.Loads(pickle);

            var expected = expr switch
            {
                "None" => null,
                "True" or "False" => typeof(bool),
                "1.5" or "-0.0" or "float('inf')" => typeof(double),
                "2**63" or "2**70" => typeof(System.Numerics.BigInteger),
                "2**31" or "-2**31 - 1" or "2**63 - 1" or "-2**63" => typeof(long),
                _ when expr.StartsWith('b') => typeof(byte[]),
                _ when expr.StartsWith('\'') => typeof(string),
                _ => typeof(int),
            };
            Assert.True(expected == value?.GetType(), $"{expr} @ {protocol}: {value?.GetType().Name ?? "null"}");
        }
    }

    [Fact]
    public void Large_latin1_text_passed_to_a_callable_that_is_not_bytes_stays_a_str()
    {
        const string text = "'\\xe9' * 40000";
        var call = "type('R', (), {'__reduce__': lambda self: (__import__('operator').concat, (" + text + ", 'latin1'))})()";
        var expected = Python.Fixtures("dump", new[] { text }).EnumerateArray().First().GetProperty("repr").GetString();

        foreach (var dump in Python.Fixtures("dump", new[] { call }).EnumerateArray().Where(d => d.GetProperty("protocol").GetInt32() >= 1))
        {
            var pickle = Convert.FromBase64String(dump.GetProperty("pickle").GetString()!);

            var value = Assert.IsType<PyObject>(PyPickle.Loads(pickle, PickleLoadOptions.Trusted));

            Assert.Equal(new PyGlobal("_operator", "concat"), value.Type);
            Assert.Equal(expected, PyRepr.Repr(value.Args[0]));
            Assert.Equal("latin1", value.Args[1]);
        }
    }

    [Fact]
    public void A_dict_subclass_is_refused_at_its_items_with_the_way_out()
    {
        foreach (var dump in Python.Fixtures("dump", new[] { "__import__('collections').OrderedDict(a=1, b=2)" }).EnumerateArray()
                     .Where(d => d.GetProperty("protocol").GetInt32() >= 1))
        {
            var pickle = Convert.FromBase64String(dump.GetProperty("pickle").GetString()!);

            var error = Assert.Throws<UnpicklingError>(() => PyPickle.Loads(pickle, PickleLoadOptions.Trusted));

            Assert.Contains("collections.OrderedDict: it is a dict subclass", error.Message);
            Assert.Contains("convert it to a plain dict", error.Message);
        }
    }

    [Fact]
    public void Protocol_2_writes_bytes_with_BINBYTES_not_codecs_encode()
    {
        var pickle = PyPickle.Dumps(new byte[] { 1, 2, 3 });

        Assert.Equal([0x80, 2, (byte)'C', 3, 1, 2, 3, (byte)'.'], pickle);
    }

    [Fact]
    public void A_dict_of_the_value_table_round_trips_through_the_cursor_writer()
    {
        var dict = new PyDict { ["x"] = new List<object?> { 1, new PyTuple("t", new byte[] { 1 }) }, [2.5] = null };

        var back = Assert.IsType<PyDict>(PyPickle.Loads(PyPickle.Dumps(dict, 5)));

        Assert.Equal(PyRepr.Repr(dict), PyRepr.Repr(back));
    }
}
