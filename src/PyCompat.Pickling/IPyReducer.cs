namespace PyCompat.Pickling;

/// <summary>
/// Python's <c>Pickler.reducer_override</c> for .NET: asked about every value outside the value table before
/// <see cref="PyPickle.Dumps(object?, IPyReducer?, int)"/> gives up on it. A reducer says what stands for a live
/// object in the pickle (usually a <see cref="PyObject"/>: the class a Python child rebuilds it with, and its state),
/// so libraries built on the pickle layer add their own objects without the value table learning about them.
/// </summary>
public interface IPyReducer
{
    /// <summary>What to pickle in place of <paramref name="value"/>; false when this reducer does not know it.</summary>
    /// <param name="value">A value the value table has no entry for.</param>
    /// <param name="reduced">A value to pickle instead (it is lowered in turn, so it may hold other reducible objects).</param>
    bool TryReduce(object value, out object? reduced);
}
