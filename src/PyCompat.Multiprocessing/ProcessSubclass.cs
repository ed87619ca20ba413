using System.Reflection;
using PyCompat.Multiprocessing.Hosting;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing;

/// <summary>
/// A <see cref="Process"/> subclass as a pickle carries it, both ways: its class as a module/name global and the
/// fields it declares as the rest of its <c>__dict__</c> (see <see cref="PyClassAttribute"/>).
/// </summary>
internal static class ProcessSubclass
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

    /// <summary>The fields the subclasses declare, by their Python-facing names (an auto-property's field by the property's name).</summary>
    public static IEnumerable<KeyValuePair<string, object?>> State(Process process)
    {
        for (var type = process.GetType(); type != typeof(Process) && type is not null; type = type.BaseType)
            foreach (var field in type.GetFields(InstanceMembers))
                yield return new(NameOf(field), field.GetValue(process));
    }

    /// <summary>Sets each pickled key that names a member of <paramref name="process"/>'s class (a Process subclass, or a
    /// plain class a target takes); the others are left out.</summary>
    /// <exception cref="TargetArgumentException">a value cannot become the member's type.</exception>
    public static void Apply(object process, IEnumerable<KeyValuePair<string, object?>> state)
    {
        foreach (var (key, value) in state)
        {
            if (Member(process.GetType(), key) is not { } member) continue;
            var type = member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType;
            if (!ValueConverter.TryConvert(value, type, out var converted))
                throw new TargetArgumentException(
                    $"{process.GetType().Name}.{key}: cannot convert Python {PyTypeNames.Of(value)} to {type.Name}");
            if (member is FieldInfo field) field.SetValue(process, converted);
            else ((PropertyInfo)member).SetValue(process, converted);
        }
    }

    private static string NameOf(FieldInfo field) =>
        field.Name.StartsWith('<') && field.Name.IndexOf(">k__BackingField", StringComparison.Ordinal) is > 0 and var end
            ? field.Name[1..end]
            : field.Name;

    /// <summary>The member a pickled key names: the exact name first, then ignoring case and underscores
    /// (<c>start_at</c> is <c>StartAt</c>, <c>_startAt</c> or <c>start_at</c>).</summary>
    private static MemberInfo? Member(Type type, string key)
    {
        foreach (var same in new Func<string, bool>[] { name => name == key, name => Simplify(name) == Simplify(key) })
            for (var t = type; t != typeof(Process) && t != typeof(object) && t is not null; t = t.BaseType)
            {
                var member = t.GetFields(InstanceMembers).FirstOrDefault(f => same(NameOf(f))) as MemberInfo
                    ?? t.GetProperties(InstanceMembers).FirstOrDefault(p => p.SetMethod is not null && same(p.Name));
                if (member is not null) return member;
            }
        return null;
    }

    private static string Simplify(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}
