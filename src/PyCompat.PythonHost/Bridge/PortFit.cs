using System.Reflection;

namespace PyCompat.PythonHost.Bridge;

/// <summary>
/// Whether a C# port's parameters can take every call its Python function accepts, under the worker host's binding
/// rules (positional arguments by index; keyword arguments by name, exactly or ignoring case; a parameter left out
/// must have a default). Each problem is one sentence naming both sides, e.g.
/// <c>Python worker(num) passes 1 positional argument; C# Worker() takes 0</c>. Types are not compared.
/// </summary>
public static class PortFit
{
    /// <summary>The problems, none when every call the Python signature accepts also binds to the C# method.</summary>
    /// <param name="python">The Python function's signature.</param>
    /// <param name="port">The C# port.</param>
    public static IReadOnlyList<string> Check(PythonSignature python, MethodInfo port)
    {
        var problems = new List<string>();
        var parameters = port.GetParameters();
        var py = $"Python {python}";
        var cs = $"C# {Describe(port)}";
        var positional = python.Parameters.Where(p => p.IsPositional).ToList();
        var requiredPositional = positional.Count(p => !p.HasDefault);

        if (python.Parameters.Any(p => p.Kind == PythonParameterKind.VarPositional))
            problems.Add($"{py} passes any number of positional arguments; {cs} takes at most {parameters.Length}");
        else if (positional.Count > parameters.Length)
        {
            var passes = requiredPositional == positional.Count
                ? Count(positional.Count, "positional argument")
                : $"up to {Count(positional.Count, "positional argument")}";
            problems.Add($"{py} passes {passes}; {cs} takes {parameters.Length}");
        }

        for (var i = 0; i < Math.Min(positional.Count, parameters.Length); i++)
        {
            var parameter = positional[i];
            if (parameter.Kind == PythonParameterKind.PositionalOrKeyword && !SameName(parameter.Name, parameters[i].Name))
            {
                var elsewhere = Array.FindIndex(parameters, p => SameName(parameter.Name, p.Name));
                problems.Add(elsewhere < 0
                    ? $"{py} can pass {parameter.Name} by keyword; {cs} has no parameter {parameter.Name}"
                    : $"{py} has {parameter.Name} as positional parameter {i + 1}; {cs} has it as parameter {elsewhere + 1}");
            }

            if (parameter.HasDefault && !parameters[i].IsOptional)
                problems.Add($"{py} may leave out {parameter.Name}; {cs} requires {parameters[i].Name}");
        }

        var passedByKeywordOnly = new HashSet<int>();
        foreach (var parameter in python.Parameters.Where(p => p.Kind == PythonParameterKind.KeywordOnly))
        {
            var index = Array.FindIndex(parameters, p => p.Name == parameter.Name);
            if (index < 0)
                index = Array.FindIndex(parameters, p => SameName(parameter.Name, p.Name));
            if (index < 0)
            {
                problems.Add($"{py} passes {parameter.Name} by keyword; {cs} has no parameter {parameter.Name}");
                continue;
            }

            passedByKeywordOnly.Add(index);
            if (parameter.HasDefault && !parameters[index].IsOptional)
                problems.Add($"{py} may leave out {parameter.Name}; {cs} requires {parameters[index].Name}");
        }

        for (var i = positional.Count; i < parameters.Length; i++)
            if (!parameters[i].IsOptional && !passedByKeywordOnly.Contains(i))
                problems.Add($"{cs} requires {parameters[i].Name}, which {py} never passes");

        if (python.Parameters.Any(p => p.Kind == PythonParameterKind.VarKeyword))
            problems.Add($"{py} passes any keyword arguments; {cs} takes only its named parameters");
        return problems;
    }

    /// <summary>The method as C# declares it, e.g. <c>Worker(int num, string name = "x")</c>.</summary>
    /// <param name="method">The method.</param>
    public static string Describe(MethodInfo method) =>
        $"{method.Name}({string.Join(", ", method.GetParameters().Select(Describe))})";

    private static string Describe(ParameterInfo parameter)
    {
        var text = $"{TypeName(parameter.ParameterType)} {parameter.Name}";
        if (!parameter.HasDefaultValue)
            return parameter.IsOptional ? $"[Optional] {text}" : text;
        return text + " = " + parameter.DefaultValue switch
        {
            null => parameter.ParameterType.IsValueType && Nullable.GetUnderlyingType(parameter.ParameterType) is null ? "default" : "null",
            string s => $"\"{s}\"",
            bool b => b ? "true" : "false",
            var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return TypeName(underlying) + "?";
        if (type.IsArray)
            return TypeName(type.GetElementType()!) + "[]";
        if (type.IsGenericType)
            return $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "bool",
            TypeCode.Byte => "byte",
            TypeCode.Int16 => "short",
            TypeCode.Int32 => "int",
            TypeCode.Int64 => "long",
            TypeCode.Single => "float",
            TypeCode.Double => "double",
            TypeCode.Decimal => "decimal",
            TypeCode.String => "string",
            _ => type == typeof(object) ? "object" : type.Name,
        };
    }

    // The worker host binds a keyword to the parameter of that name, exactly or else ignoring case.
    private static bool SameName(string python, string? csharp) => string.Equals(python, csharp, StringComparison.OrdinalIgnoreCase);

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
