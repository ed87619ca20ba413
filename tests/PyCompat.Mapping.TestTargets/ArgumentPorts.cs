using System.Collections;
using PyCompat.Multiprocessing;
using PyCompat.Pickling;

namespace PyCompat.Mapping.TestTargets;

/// <summary>The C# port of <c>mapped_arguments.show</c>: prints every argument with Python's repr.</summary>
public static class ArgumentPorts
{
    [PyTarget("mapped_arguments", "show")]
    public static void Show(IList integers, IEnumerable floats, string text, object? binary, object? buffer, object? nothing,
        object? flags, object? nested, object? numbers, object? frozen, object? when, object? amounts, string label,
        object? options = null)
    {
        foreach (var value in integers)
            Console.WriteLine(PyRepr.Repr(value));
        foreach (var value in floats)
            Console.WriteLine(PyRepr.Repr(value));
        foreach (var value in new[] { text, binary, buffer, nothing, flags, nested, numbers, frozen, when, amounts, label, options })
            Console.WriteLine(PyRepr.Repr(value));
    }
}
