using System.Text;
using System.Text.Json;
using PyCompat.Pickling.Tests.Infrastructure;

namespace PyCompat.Pickling.Tests;

/// <summary>CPython's str values with lone surrogates and what it writes and refuses for them (one python3 run).</summary>
public sealed class SurrogateStringsFixture
{
    /// <summary>str values a .NET string holds exactly: lone surrogates, alone and among other text, short and long.</summary>
    public static readonly string[] Expressions =
    [
        "'a\\ud800b'", "'\\udfff'", "'\\ud800'", "'x\\udc80'", "'caf\\xe9\\udbff \\u20ac \\U0001f600 \\udc00'",
        "'\\\\\\ud800\\n\\r\\x00\\x1a'", "'\\udfff\\ud800'", "'s' * 300 + '\\ud83d'", "'\\U0001f600\\udc00\\ud800'",
    ];

    public SurrogateStringsFixture()
    {
        Cases = Python.Script("fidelity_fixtures.py", "strings", Expressions).EnumerateArray()
            .Select(e => new SurrogateCase(
                e.GetProperty("expr").GetString()!,
                FromCodePoints(e.GetProperty("code_points")),
                e.GetProperty("repr").GetString()!,
                Convert.FromHexString(e.GetProperty("utf8").GetString()!),
                e.GetProperty("pickles").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToArray()))
            .ToDictionary(c => c.Expr);
        Refused = Python.Script("fidelity_fixtures.py", "bad_strings").EnumerateArray()
            .Select(e => (Convert.FromBase64String(e.GetProperty("pickle").GetString()!), e.GetProperty("offset").GetInt32(),
                e.GetProperty("error").GetString()))
            .ToList();
    }

    public IReadOnlyDictionary<string, SurrogateCase> Cases { get; }

    /// <summary>Pickles CPython refuses, the offset of the str opcode, and CPython's error (null if it loaded).</summary>
    public IReadOnlyList<(byte[] Pickle, int Offset, string? Error)> Refused { get; }

    /// <summary>The .NET string of CPython's code points (a lone surrogate is one UTF-16 unit, as in Python).</summary>
    private static string FromCodePoints(JsonElement codePoints)
    {
        var text = new StringBuilder();
        foreach (var cp in codePoints.EnumerateArray().Select(c => c.GetInt32()))
            text.Append(cp is >= 0xD800 and <= 0xDFFF ? ((char)cp).ToString() : char.ConvertFromUtf32(cp));
        return text.ToString();
    }
}

/// <summary>One str: its .NET string, CPython's repr, its surrogatepass UTF-8, and CPython's pickles at protocols 0-5.</summary>
public sealed record SurrogateCase(string Expr, string Value, string Repr, byte[] Utf8, byte[][] Pickles);

public sealed class SurrogateStringTests(SurrogateStringsFixture fixture) : IClassFixture<SurrogateStringsFixture>
{
    public static TheoryData<string> Expressions => new(SurrogateStringsFixture.Expressions);

    [Theory]
    [MemberData(nameof(Expressions))]
    public void A_cpython_pickle_of_a_str_with_lone_surrogates_decodes_to_the_same_code_units_at_every_protocol(string expr)
    {
        var c = fixture.Cases[expr];

        for (var protocol = 0; protocol <= 5; protocol++)
            Assert.Equal(c.Value, PyPickle.Loads(c.Pickles[protocol]));
    }

    [Theory]
    [MemberData(nameof(Expressions))]
    public void A_decoded_str_with_lone_surrogates_reprs_as_cpython_reprs_it(string expr)
    {
        var c = fixture.Cases[expr];

        for (var protocol = 0; protocol <= 5; protocol++)
            Assert.Equal(c.Repr, PyRepr.Repr(PyPickle.Loads(c.Pickles[protocol])));
    }

    [Fact]
    public void Dumps_of_a_str_with_lone_surrogates_writes_cpythons_surrogatepass_bytes_and_cpython_loads_the_equal_str()
    {
        var cases = new List<object>();
        foreach (var c in fixture.Cases.Values)
        {
            for (var protocol = 2; protocol <= 5; protocol++)
            {
                // Alone, inside a list and a tuple, and as a dict key: every way a str reaches the pickler.
                object?[] values = [c.Value, new List<object?> { c.Value, 1 }, new PyTuple(c.Value), new PyDict { [c.Value] = c.Value }];
                string[] shapes = ["v", "[v, 1]", "(v,)", "{v: v}"];
                for (var i = 0; i < values.Length; i++)
                {
                    var pickle = PyPickle.Dumps(values[i], protocol);
                    Assert.True(pickle.AsSpan().IndexOf(c.Utf8) >= 0, $"{c.Expr} @ {protocol}: the surrogatepass UTF-8 is not in the pickle");
                    cases.Add(new { id = $"{c.Expr} as {shapes[i]} @ {protocol}", pickle = Convert.ToBase64String(pickle),
                        expr = shapes[i].Replace("v", $"({c.Expr})") });
                }
            }
        }

        var failures = Python.Script("fidelity_fixtures.py", "load_strings", cases).EnumerateArray()
            .Where(a => !a.GetProperty("ok").GetBoolean())
            .Select(a => $"{a.GetProperty("id").GetString()}: {a.GetProperty("error").GetString()}")
            .ToList();
        Assert.Equal(SurrogateStringsFixture.Expressions.Length * 4 * 4, cases.Count);
        Assert.Empty(failures);
    }

    [Fact]
    public void A_str_cpython_refuses_to_decode_is_refused_with_its_offset_opcode_and_cpythons_reason()
    {
        Assert.NotEmpty(fixture.Refused);
        foreach (var (pickle, offset, error) in fixture.Refused)
        {
            Assert.NotNull(error); // CPython refuses every one of them
            var refused = Assert.Throws<UnpicklingError>(() => PyPickle.Loads(pickle));
            Assert.Equal(offset, refused.Offset);
            Assert.Equal(pickle[offset] switch { (byte)'X' => "BINUNICODE", 0x8c => "SHORT_BINUNICODE", 0x8d => "BINUNICODE8",
                (byte)'V' => "UNICODE", _ => "GLOBAL" }, refused.Opcode);
            // CPython: "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"
            Assert.Contains(error["UnicodeDecodeError: ".Length..], refused.Message);
        }
    }
}
