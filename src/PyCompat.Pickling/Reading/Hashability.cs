using System.Collections;

namespace PyCompat.Pickling.Reading;

/// <summary>
/// Python's rule that dict keys and set items are hashable, applied while the unpickler builds them, as CPython's
/// <c>pickle.loads</c> does (it raises <c>TypeError: unhashable type: 'list'</c>): a list, dict, set or bytearray, or
/// a tuple holding one, is refused. The tuples already found hashable are remembered for the decode, so a tuple
/// shared by many keys (or nested in itself many times over) is walked once.
/// </summary>
internal static class Hashability
{
    /// <summary>Refuses <paramref name="item"/> as a <paramref name="role"/> ("dict key", "set item") if Python would.</summary>
    public static void Check(object? item, string role)
    {
        if (item is null or string) return; // the commonest keys, hashable
        if (Unhashable(item) is { } direct) throw Refused(direct, role);
        if (item is not object[] tuple) return;
        var known = DecodeContext.Current.HashableTuples;
        if (known.Contains(tuple)) return;
        var pending = new Stack<object[]>();
        pending.Push(tuple);
        var walked = new List<object[]>();
        while (pending.TryPop(out var next))
        {
            if (!known.Add(next)) continue;
            walked.Add(next);
            foreach (var inner in next)
            {
                if (Unhashable(inner) is { } type)
                {
                    foreach (var t in walked) known.Remove(t);
                    throw Refused(type, role);
                }
                if (inner is object[] nested) pending.Push(nested);
            }
        }
    }

    private static string? Unhashable(object? value) => value switch
    {
        ArrayList => "list",
        Hashtable => "dict",
        HashSet<object> => "set",
        PyByteArray => "bytearray",
        _ => null,
    };

    private static UnpicklingError Refused(string type, string role) =>
        new($"unhashable type: '{type}' (a {type} as a {role}, or inside a tuple that is one; CPython's pickle.loads "
            + "raises TypeError on it too)");
}

/// <summary>Compares by identity, as Razorvine's set of raw items needs (the raiser applies Python's equality), and
/// refuses unhashable items as they are added.</summary>
internal sealed class CheckedItems : IEqualityComparer<object>
{
    public static readonly CheckedItems Instance = new();

    public new bool Equals(object? a, object? b) => ReferenceEquals(a, b);

    public int GetHashCode(object item)
    {
        Hashability.Check(item, "set item");
        return System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(item);
    }
}
