using System.Text.Json;
using PyCompat.Pickling.Tests.Infrastructure;

namespace PyCompat.Pickling.Tests;

/// <summary>The _compat_pickle tables of the CPython on the machine, and what its Pickler writes for each entry.</summary>
public sealed class Python2NamesFixture
{
    public Python2NamesFixture() => Answer = Python.Script("fidelity_fixtures.py", "names");

    public JsonElement Answer { get; }

    public int Entries(string table) => Answer.GetProperty("tables").GetProperty(table).GetArrayLength();
}

/// <summary>
/// CPython's fix_imports, entry by entry of Lib/_compat_pickle.py as the CPython running the tests has it: below
/// protocol 3 Python 2 names are read as Python 3 names and Python 3 names are written as Python 2 names.
/// </summary>
public sealed class Python2NameTests(Python2NamesFixture fixture) : IClassFixture<Python2NamesFixture>
{
    [Fact]
    public void Every_python_2_name_decodes_to_the_python_3_global_cpythons_unpickler_looks_up()
    {
        var reads = fixture.Answer.GetProperty("reads").EnumerateArray().ToList();
        var failures = new List<string>();
        foreach (var read in reads)
        {
            var pickle = Convert.FromBase64String(read.GetProperty("pickle").GetString()!);
            var expected = new PyGlobal(read.GetProperty("module").GetString()!, read.GetProperty("name").GetString()!);
            // Where the global exists on this machine, CPython itself loaded the pickle as exactly that object.
            if (read.GetProperty("cpython_resolves").ValueKind == JsonValueKind.False)
                failures.Add($"the fixture's expectation {expected} is not what CPython loads");
            var decoded = PyPickle.Loads(pickle);
            if (!expected.Equals(decoded))
                failures.Add($"{PyRepr.Repr(pickle)} @ {read.GetProperty("protocol").GetInt32()}: expected {expected}, got {PyRepr.Repr(decoded)}");
        }

        // Both protocols for every NAME_MAPPING and IMPORT_MAPPING entry, and every pickle of the writing test.
        Assert.Equal(2 * (fixture.Entries("name") + fixture.Entries("import") + fixture.Entries("rname") + fixture.Entries("rimport")),
            reads.Count);
        Assert.Empty(failures);
    }

    [Fact]
    public void Every_python_3_global_is_written_byte_for_byte_as_cpythons_pickler_writes_it_at_protocols_2_and_3()
    {
        var writes = fixture.Answer.GetProperty("writes").EnumerateArray().ToList();
        var failures = new List<string>();
        foreach (var write in writes)
        {
            var global = new PyGlobal(write.GetProperty("module").GetString()!, write.GetProperty("name").GetString()!);
            var protocol = write.GetProperty("protocol").GetInt32();
            var cpython = Convert.FromBase64String(write.GetProperty("pickle").GetString()!);
            var ours = PyPickle.Dumps(global, protocol);
            if (!cpython.AsSpan().SequenceEqual(ours))
                failures.Add($"{global} @ {protocol}: CPython writes {PyRepr.Repr(cpython)}, PyCompat {PyRepr.Repr(ours)}");
        }

        Assert.Equal(2 * (fixture.Entries("rname") + fixture.Entries("rimport")), writes.Count);
        Assert.Empty(failures);
    }

    [Fact]
    public void A_protocol_2_cpython_pickle_of_int_range_and_valueerror_decodes_under_their_python_3_names()
    {
        var sample = fixture.Answer.GetProperty("sample");
        var expected = sample.GetProperty("names").EnumerateArray()
            .Select(n => (object?)new PyGlobal(n[0].GetString()!, n[1].GetString()!)).ToList();

        var decoded = PyPickle.Loads(Convert.FromBase64String(sample.GetProperty("pickle").GetString()!));

        Assert.Equal(expected, Assert.IsType<List<object?>>(decoded));
    }
}

/// <summary>Global names CPython writes only at some protocols (non-ASCII) or at none (a lone surrogate).</summary>
public sealed class OddGlobalNameTests
{
    [Fact]
    public void A_global_name_is_refused_where_cpython_refuses_it_and_loads_in_cpython_where_cpython_writes_it()
    {
        var answer = Python.Script("fidelity_fixtures.py", "odd_globals");
        var names = answer.GetProperty("names").EnumerateArray()
            .Select(n => new PyGlobal(Text(n[0]), Text(n[1]))).ToList();
        var written = new List<object>();
        var refusedByBoth = 0;
        foreach (var c in answer.GetProperty("cases").EnumerateArray())
        {
            var index = c.GetProperty("index").GetInt32();
            var protocol = c.GetProperty("protocol").GetInt32();
            if (c.GetProperty("error").ValueKind == JsonValueKind.String)
            {
                Assert.Throws<PicklingError>(() => PyPickle.Dumps(names[index], protocol));
                refusedByBoth++;
                continue;
            }
            var pickle = PyPickle.Dumps(names[index], protocol);
            Assert.Equal(names[index], PyPickle.Loads(pickle));
            written.Add(new { id = $"{index} @ {protocol}", index, pickle = Convert.ToBase64String(pickle) });
        }

        var failures = Python.Script("fidelity_fixtures.py", "load_globals", written).EnumerateArray()
            .Where(a => !a.GetProperty("ok").GetBoolean())
            .Select(a => $"{a.GetProperty("id").GetString()}: {a.GetProperty("error").GetString()}")
            .ToList();
        Assert.NotEqual(0, refusedByBoth);
        Assert.NotEmpty(written);
        Assert.Empty(failures);
    }

    private static string Text(JsonElement codePoints) =>
        string.Concat(codePoints.EnumerateArray().Select(c => c.GetInt32())
            .Select(cp => cp is >= 0xD800 and <= 0xDFFF ? ((char)cp).ToString() : char.ConvertFromUtf32(cp)));
}
