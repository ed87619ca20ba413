using PyCompat.Multiprocessing.Hosting;
using PyCompat.Multiprocessing.Reduction;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Queues;

/// <summary>What the queues share: typed items, and rebuilding their pickled state in a .NET child.</summary>
internal static class QueueItems
{
    /// <summary>An item converted to <typeparamref name="T"/> as a port's parameter is converted.</summary>
    public static T Convert<T>(object? item) =>
        ValueConverter.TryConvert(item, typeof(T), out var converted) && (converted is T || converted is null && default(T) is null)
            ? (T)converted!
            : throw new InvalidCastException(
                $"got a Python {PyTypeNames.Of(item)} from the queue, which cannot become a {typeof(T).Name}: use Get() to see what came");

    /// <summary>Each item of a pickled state tuple, the live objects among them rebuilt (pipe ends, locks...).</summary>
    public static object?[] RebuildState(PyObject pickled, ReductionTable table, int count, string expected)
    {
        if (pickled.State is not PyTuple state || state.Count != count) throw BadState(pickled, expected);
        return [.. state.Select(item => table.TryRebuild(item, out var live) ? live : item)];
    }

    public static InvalidDataException BadState(PyObject pickled, string expected) =>
        new($"cannot rebuild a {pickled.Type}: its state is {PickledText.Describe(pickled.State)}, not {expected} as "
            + "CPython's queues.py __getstate__ writes it under spawn");
}
