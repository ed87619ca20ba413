using System.Text.RegularExpressions;
using PyCompat.Pickling.Tests.Infrastructure;

namespace PyCompat.Pickling.Tests;

/// <summary>CPython's own pickle test data (test.pickletester DATA0-DATA4, one per protocol family).</summary>
public sealed class PickletesterFixture
{
    public PickletesterFixture()
    {
        var answer = Python.Fixtures("pickletester");
        Data = answer.GetProperty("data").EnumerateObject()
            .ToDictionary(p => p.Name, p => Convert.FromBase64String(p.Value.GetString()!));
        // Python prints instances with their address; PyRepr prints them without one.
        Repr = Regex.Replace(answer.GetProperty("repr").GetString()!, " at 0x[0-9a-f]+", "");
    }

    public IReadOnlyDictionary<string, byte[]> Data { get; }
    public string Repr { get; }
}

public sealed class PickletesterDataTests(PickletesterFixture fixture) : IClassFixture<PickletesterFixture>
{
    public static TheoryData<string> Names => new("DATA0", "DATA1", "DATA2", "DATA3", "DATA4");

    [Theory]
    [MemberData(nameof(Names))]
    public void Cpythons_pickletester_data_decodes_to_what_create_data_reprs(string name)
    {
        Assert.Equal(fixture.Repr, PyRepr.Repr(PyPickle.Loads(fixture.Data[name], PickleLoadOptions.Trusted)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Pickletester_instances_of_class_C_decode_to_one_shared_PyObject_with_their_state(string name)
    {
        var data = Assert.IsType<List<object?>>(PyPickle.Loads(fixture.Data[name], PickleLoadOptions.Trusted));

        Assert.Equal(18, data.Count);
        var tuple = Assert.IsType<PyTuple>(data[15]);
        Assert.Same(tuple, data[16]);
        var c = Assert.IsType<PyObject>(tuple[2]);
        Assert.Same(c, tuple[3]);
        Assert.Equal(new PyGlobal("__main__", "C"), c.Type);
        Assert.Equal(new PyDict { ["foo"] = 1, ["bar"] = 2 }.OrderBy(p => p.Key), Assert.IsType<PyDict>(c.State).OrderBy(p => p.Key));
    }
}
