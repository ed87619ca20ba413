
namespace PyCompat.Pickling.Tests.Fuzz;

/// <summary>The valid pickles the fuzzer starts from: CPython pickles varied values with protocols 0-5.</summary>
public static class FuzzCorpus
{
    /// <summary>Values covering every part of the value table, instances, sharing and cycles.</summary>
    public static readonly string[] Expressions =
    [
        "None", "True", "-1", "255", "65536", "2**31", "-2**63", "2**100", "1.5", "float('nan')", "'abc'",
        "'caf\\u00e9 \\U0001f600'", "b'abc'", "bytes(range(256))", "bytearray(b'xyz')", "(1, 'a', 2.5)", "()",
        "[1, [2, [3, [4]]]]", "{'a': 1, 'b': [2, 3], None: (4,)}", "{1, 2, 3}", "frozenset({1, 2})",
        "1+2j", "Decimal('1.50')", "Decimal('-Infinity')", "datetime.date(2024, 1, 2)",
        "datetime.datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=datetime.timezone.utc)", "datetime.time(3, 4, 5, 6)",
        "datetime.timedelta(days=-1, seconds=5)",
        "(lambda x: [x, x, (x,)])([1, 'shared'])", "(lambda l: (l.append(l), l)[1])([])",
        "(lambda d: (d.__setitem__('me', d), d)[1])({})",
        "[(i, str(i), float(i)) for i in range(40)]", "{str(i): [i] * 3 for i in range(20)}",
"__import__('fractions').Fraction(1, 3)",
        "__import__('argparse').Namespace(a=1, b=[2])", "__import__('os').path.join",
        "[__import__('os').path.join, __import__('collections').OrderedDict.fromkeys]", "range(3)",
    ];

    /// <summary>Asks CPython for the corpus (one python3 run).</summary>
    public static IReadOnlyList<byte[]> Make() =>
        Infrastructure.Python.Fixtures("dump", Expressions).EnumerateArray()
            .Select(e => Convert.FromBase64String(e.GetProperty("pickle").GetString()!))
            .Concat(Spawn())
            .ToList();

    private static IEnumerable<byte[]> Spawn()
    {
        var spawn = Infrastructure.Python.Fixtures("spawn");
        yield return Convert.FromBase64String(spawn.GetProperty("preparation").GetString()!);
        yield return Convert.FromBase64String(spawn.GetProperty("process").GetString()!);
    }
}
