using System.Reflection;
using System.Text;
using PyCompat.Multiprocessing.Hosting;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Managers;

/// <summary>
/// A registered .NET object that does not implement <see cref="ISharedObject"/>: a Python method name calls the
/// public instance method of the same name, PascalCase or as written (<c>get_value</c> calls <c>GetValue</c>), its
/// arguments converted as a port's parameters are. The public methods are exposed as their snake_case names.
/// </summary>
internal sealed class ReflectedObject(object target) : ISharedObject
{
    private readonly MethodInfo[] _methods = target.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
        .Where(m => m.DeclaringType != typeof(object) && !m.IsSpecialName).ToArray();

    public string PythonType => target.GetType().Name;

    public IReadOnlyList<string> PublicMethods => [.. _methods.Select(m => SnakeCase(m.Name)).Distinct()];

    public object? Value => target;

    public string Repr() => target.ToString() ?? PythonType;

    public object? Invoke(string method, PyTuple args, PyDict kwds)
    {
        var wanted = Normalise(method);
        var candidates = _methods.Where(m => Normalise(m.Name) == wanted && m.GetParameters().Length >= args.Count).ToList();
        if (candidates.Count == 0) throw CallArgs.NoAttribute(PythonType, method);
        foreach (var candidate in candidates)
        {
            var parameters = candidate.GetParameters();
            var values = new object?[parameters.Length];
            var bound = true;
            for (var i = 0; i < parameters.Length && bound; i++)
            {
                object? raw;
                if (i < args.Count) raw = args[i];
                else if (kwds.TryGetValue(parameters[i].Name, out var named)) raw = named;
                else if (parameters[i].HasDefaultValue)
                {
                    values[i] = parameters[i].DefaultValue;
                    continue;
                }
                else
                {
                    bound = false;
                    break;
                }
                bound = ValueConverter.TryConvert(raw, parameters[i].ParameterType, out values[i]);
            }
            if (!bound) continue;
            try
            {
                return candidate.Invoke(target, values);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw ServerErrors.ToPython(e.InnerException);
            }
        }
        throw PythonError.Builtin("TypeError", $"{method}() got arguments {PyRepr.Repr(args)} that no overload of "
            + $"{PythonType}.{candidates[0].Name} accepts");
    }

    private static string Normalise(string name) => name.Replace("_", "").ToLowerInvariant();

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
