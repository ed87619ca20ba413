using System.Reflection;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Hosting;

/// <summary>
/// A pickled instance of a plain Python class (class by NEWOBJ, its <c>__dict__</c> as the state) as the port's
/// parameter type of the same class name: made with its parameterless constructor (any accessibility), then each key
/// of the state sets the member of that name, as a Process subclass's fields are set (PyClassInstances.Apply); a class marked [PyClass] is matched first by PyClassInstances; keys
/// it has no member for are left out. So <c>worker(s, pool)</c> with the script's <c>ActivePool</c> binds a port's
/// <c>Worker(Semaphore s, ActivePool pool)</c>.
/// </summary>
internal static class InstanceBinder
{
    public static bool TryBind(object? value, Type type, out object? result)
    {
        result = null;
        if (value is not PyObject { ViaReduce: false, State: IEnumerable<KeyValuePair<object?, object?>> state } pickled
            || type.IsAbstract || type.IsValueType || type == typeof(object)
            || type.Name != pickled.Type.Name[(pickled.Type.Name.LastIndexOf('.') + 1)..]
            || type.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes) is null)
            return false;
        var instance = Activator.CreateInstance(type, nonPublic: true)!;
        PyClassInstances.Apply(instance, state
            .Where(pair => pair.Key is string)
            .Select(pair => new KeyValuePair<string, object?>((string)pair.Key!, pair.Value)), typeof(object));
        result = instance;
        return true;
    }
}
