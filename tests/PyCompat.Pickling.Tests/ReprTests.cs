using System.Numerics;

namespace PyCompat.Pickling.Tests;

/// <summary>
/// PyRepr on values built in C# (the decode tests compare it with CPython's own repr for values that came from
/// CPython; these cover the .NET-only inputs and str()).
/// </summary>
public sealed class ReprTests
{
    public static TheoryData<object?, string> Reprs => new()
    {
        { null, "None" },
        { 1.0, "1.0" },
        { 1e16, "1e+16" },
        { 1e22, "1e+22" },
        { 0.1, "0.1" },
        { -0.0, "-0.0" },
        { 5e-324, "5e-324" },
        { double.NaN, "nan" },
        { float.NegativeInfinity, "-inf" },
        { new Complex(0, 1), "1j" },
        { new Complex(-0.0, 1), "(-0+1j)" },
        { new Complex(1.5, -0.0), "(1.5-0j)" },
        { new Complex(double.NaN, double.NaN), "(nan+nanj)" },
        { (byte)7, "7" },
        { ulong.MaxValue, "18446744073709551615" },
        { "it's", "\"it's\"" },
        { "\u0085", "'\\x85'" },
        { new object?[] { 1 }, "(1,)" },
        { (1, "a"), "(1, 'a')" },
        { new HashSet<int>(), "set()" },
        { new Dictionary<string, int> { ["a"] = 1 }, "{'a': 1}" },
        { 1.50m, "Decimal('1.50')" },
        { new PyByteArray("'\""u8), "bytearray(b'\\'\"')" },
        { new DateTimeOffset(2024, 1, 2, 3, 4, 0, TimeSpan.FromMinutes(-90)),
            "datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=81000)))" },
    };

    [Theory]
    [MemberData(nameof(Reprs))]
    public void Repr_prints_what_python_prints_for_the_equal_value(object? value, string expected)
    {
        Assert.Equal(expected, PyRepr.Repr(value));
    }

    [Fact]
    public void A_list_that_contains_itself_prints_with_an_ellipsis()
    {
        var list = new List<object?> { 1 };
        list.Add(list);

        Assert.Equal("[1, [...]]", PyRepr.Repr(list));
    }

    public static TheoryData<object?, string> Strs => new()
    {
        { "plain", "plain" },
        { 1.50m, "1.50" },
        { new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(60), "2024-01-02 03:04:05.000006" },
        { new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(5.5)), "2024-01-02 03:04:05+05:30" },
        { new DateOnly(2024, 1, 2), "2024-01-02" },
        { TimeSpan.FromDays(2) + TimeSpan.FromSeconds(3661), "2 days, 1:01:01" },
        { TimeSpan.FromSeconds(-1), "-1 day, 23:59:59" },
        { new List<object?> { "a" }, "['a']" },
    };

    [Theory]
    [MemberData(nameof(Strs))]
    public void Str_prints_what_python_print_shows(object? value, string expected)
    {
        Assert.Equal(expected, PyRepr.Str(value));
    }
}
