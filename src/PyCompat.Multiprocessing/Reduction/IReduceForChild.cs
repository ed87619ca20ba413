using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Reduction;

/// <summary>
/// A live object that says how it is pickled for a child (CPython's <c>__reduce__</c> / <c>__getstate__</c>), usually
/// as a <see cref="PyObject"/> naming the Python class a CPython child rebuilds it with; <see cref="ReductionTable"/>
/// says how a .NET child rebuilds it.
/// </summary>
public interface IReduceForChild
{
    /// <summary>What stands for this object in the child's pickle.</summary>
    /// <param name="popen">The child being started; <see cref="SpawningPopen.DuplicateForChild"/> passes it an fd.</param>
    object? ReduceForChild(SpawningPopen popen);
}
