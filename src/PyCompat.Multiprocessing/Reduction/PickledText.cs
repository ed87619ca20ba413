using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Reduction;

/// <summary>How a rebuilder's error shows what a pickle held.</summary>
internal static class PickledText
{
    /// <summary>Python's repr of a decoded value, or its .NET type's name when it has none.</summary>
    public static string Describe(object? value)
    {
        try
        {
            return PyRepr.Repr(value);
        }
        catch (Exception)
        {
            return value?.GetType().Name ?? "None";
        }
    }
}
