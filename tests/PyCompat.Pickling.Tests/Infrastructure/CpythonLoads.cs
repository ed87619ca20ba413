using System.Text.Json;

namespace PyCompat.Pickling.Tests.Infrastructure;

/// <summary>A C# value to pickle, and the Python expression CPython must find equal (by repr) after pickle.loads.</summary>
/// <param name="Id">Unique name of the case.</param>
/// <param name="Value">The .NET value given to PyPickle.Dumps.</param>
/// <param name="Expected">The Python expression for the intended value (evaluated with the loaded value as <c>v</c>).</param>
/// <param name="Check">What to compare instead of <c>v</c> itself (e.g. <c>type(v).__name__</c>).</param>
/// <param name="Protocol">The protocol to write.</param>
public sealed record LoadCase(string Id, object? Value, string Expected, string? Check = null, int Protocol = 2);

/// <summary>CPython's answer for one case: repr of the loaded value (or of Check), repr of Expected, or the error.</summary>
public sealed record LoadAnswer(string? Repr, string? Expected, string? Error);

/// <summary>Pickles every case in .NET, then asks one python3 process to load them all.</summary>
public static class CpythonLoads
{
    public static IReadOnlyDictionary<string, LoadAnswer> Run(IEnumerable<LoadCase> cases)
    {
        var request = cases.Select(c => new
        {
            id = c.Id,
            pickle = Convert.ToBase64String(PyPickle.Dumps(c.Value, c.Protocol)),
            check = c.Check,
            expected = c.Expected,
        }).ToList();
        var answer = Python.Fixtures("load", request);
        return answer.EnumerateArray().ToDictionary(
            a => a.GetProperty("id").GetString()!,
            a => new LoadAnswer(Text(a, "repr"), Text(a, "expected"), Text(a, "error")));
    }

    private static string? Text(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();
}
