using System.Reflection;
using PyCompat.Multiprocessing.Hosting;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing;

/// <summary>
/// Instances of C# classes marked <see cref="PyClassAttribute"/> as a pickle carries them, both ways, as CPython pickles
/// an instance of a plain Python class: the class as a module/name global, its fields as the <c>__dict__</c>. A
/// <see cref="Process"/> subclass crosses this way inside its process object (<see cref="ProcessSubclass"/>); any other
/// such class crosses this way as a value (an item on a queue, a message on a connection).
/// </summary>
internal static class PyClassInstances
{
    private const BindingFlags InstanceMembers =
        BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>The global a pickle names the class by: its <c>[PyClass]</c>, else its CLR namespace and name.</summary>
    public static PyGlobal Global(Type type) =>
        type.GetCustomAttribute<PyClassAttribute>() is { } port
            ? new PyGlobal(port.Module, port.Name)
            : new PyGlobal(type.Namespace ?? "", ClrName(type));

    /// <summary>The type name without the namespace, nested types joined by '+', as <see cref="Type.FullName"/> has it.</summary>
    public static string ClrName(Type type) =>
        type.Namespace is { Length: > 0 } ns ? type.FullName![(ns.Length + 1)..] : type.FullName!;

    /// <summary>The fields the classes from <paramref name="instance"/>'s own down to (not including)
    /// <paramref name="stopAt"/> declare, by their Python-facing names (an auto-property's field by the property's name).</summary>
    public static IEnumerable<KeyValuePair<string, object?>> State(object instance, Type stopAt)
    {
        for (var type = instance.GetType(); type != stopAt && type is not null; type = type.BaseType)
            foreach (var field in type.GetFields(InstanceMembers))
                yield return new(NameOf(field), field.GetValue(instance));
    }

    /// <summary>Sets each pickled key that names a member of <paramref name="instance"/>'s class; the others are left out.</summary>
    /// <exception cref="TargetArgumentException">a value cannot become the member's type.</exception>
    public static void Apply(object instance, IEnumerable<KeyValuePair<string, object?>> state, Type stopAt)
    {
        foreach (var (key, value) in state)
        {
            if (Member(instance.GetType(), key, stopAt) is not { } member) continue;
            var type = member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType;
            if (!ValueConverter.TryConvert(value, type, out var converted))
                throw new TargetArgumentException(
                    $"{instance.GetType().Name}.{key}: cannot convert Python {PyTypeNames.Of(value)} to {type.Name}");
            if (member is FieldInfo field) field.SetValue(instance, converted);
            else ((PropertyInfo)member).SetValue(instance, converted);
        }
    }

    /// <summary>A value of a <c>[PyClass]</c> class that is not a Process, pickled as CPython pickles an instance of
    /// the Python class it ports (<c>cls.__new__</c>, then its <c>__dict__</c>).</summary>
    public static bool TryReduce(object value, out object? reduced)
    {
        reduced = null;
        var type = value.GetType();
        if (value is Process || !type.IsDefined(typeof(PyClassAttribute), inherit: false)) return false;
        reduced = new PyObject(Global(type), PyTuple.Empty, State(value, typeof(object)).ToDictionary(kv => kv.Key, kv => kv.Value));
        return true;
    }

    /// <summary>An instance of a Python class that <paramref name="type"/> ports, rebuilt as Python's unpickling does:
    /// the parameterless constructor (any accessibility), then the pickled <c>__dict__</c>. A class defined in the
    /// parent's script is pickled under <c>__main__</c>; it matches a port of that name in any module.</summary>
    public static bool TryRebuild(PyObject pickled, Type type, out object? instance)
    {
        instance = null;
        if (typeof(Process).IsAssignableFrom(type) || !type.GetCustomAttributes<PyClassAttribute>().Any(port => Ports(port, pickled.Type)))
            return false;
        instance = Activator.CreateInstance(type, nonPublic: true)
            ?? throw new MissingMethodException($"{type.FullName} has no parameterless constructor to rebuild it with");
        if (pickled.State is IReadOnlyDictionary<object?, object?> state)
            Apply(instance, state.Where(e => e.Key is string).Select(e => new KeyValuePair<string, object?>((string)e.Key!, e.Value)), typeof(object));
        return true;
    }

    private static bool Ports(PyClassAttribute port, PyGlobal pickled) =>
        port.Name == pickled.Name && (port.Module == pickled.Module || pickled.Module is "__main__" or "__mp_main__");

    private static string NameOf(FieldInfo field) =>
        field.Name.StartsWith('<') && field.Name.IndexOf(">k__BackingField", StringComparison.Ordinal) is > 0 and var end
            ? field.Name[1..end]
            : field.Name;

    /// <summary>The member a pickled key names: the exact name first, then ignoring case and underscores
    /// (<c>start_at</c> is <c>StartAt</c>, <c>_startAt</c> or <c>start_at</c>).</summary>
    private static MemberInfo? Member(Type type, string key, Type stopAt)
    {
        foreach (var same in new Func<string, bool>[] { name => name == key, name => Simplify(name) == Simplify(key) })
            for (var t = type; t != stopAt && t is not null; t = t.BaseType)
            {
                var member = t.GetFields(InstanceMembers).FirstOrDefault(f => same(NameOf(f))) as MemberInfo
                    ?? t.GetProperties(InstanceMembers).FirstOrDefault(p => p.SetMethod is not null && same(p.Name));
                if (member is not null) return member;
            }
        return null;
    }

    private static string Simplify(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}
