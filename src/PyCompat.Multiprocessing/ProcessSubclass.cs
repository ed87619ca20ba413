using PyCompat.Multiprocessing.Hosting;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing;

/// <summary>
/// A <see cref="Process"/> subclass as a pickle carries it, both ways: its class as a module/name global and the
/// fields it declares as the rest of its <c>__dict__</c> (see <see cref="PyClassAttribute"/>).
/// </summary>
internal static class ProcessSubclass
{
    /// <inheritdoc cref="PyClassInstances.Global"/>
    public static PyGlobal Global(Type type) => PyClassInstances.Global(type);

    /// <summary>The fields the subclasses declare, by their Python-facing names (an auto-property's field by the property's name).</summary>
    public static IEnumerable<KeyValuePair<string, object?>> State(Process process) => PyClassInstances.State(process, typeof(Process));

    /// <summary>Sets each pickled key that names a member of <paramref name="process"/>'s class; the others are left out.</summary>
    /// <exception cref="TargetArgumentException">a value cannot become the member's type.</exception>
    public static void Apply(Process process, IEnumerable<KeyValuePair<string, object?>> state) =>
        PyClassInstances.Apply(process, state, typeof(Process));
}
