namespace PyCompat.PythonHost.Bridge;

/// <summary>
/// Whether a <c>[PyClass]</c> C# class can stand for its Python class in mapped mode: a Python Process subclass needs a
/// C# Process subclass (the worker host runs its <c>Run()</c>), one whose Python class defines <c>run</c> must override
/// <c>Run()</c>, and a plain Python class needs a plain C# class (its pickled instance's attributes fill the object).
/// Each problem is one sentence naming both sides.
/// </summary>
public static class ClassFit
{
    /// <summary>The problems, none when the C# class fits.</summary>
    /// <param name="python">The Python class, as found.</param>
    /// <param name="csharpName">The C# class's name.</param>
    /// <param name="isProcess">Whether the C# class derives from PyCompat's <c>Process</c>.</param>
    /// <param name="overridesRun">Whether it overrides <c>Run()</c>.</param>
    public static IReadOnlyList<string> Check(PythonClassLookup python, string csharpName, bool isProcess, bool overridesRun)
    {
        if (python.Status != LookupStatus.Found) return [python.Problem ?? $"{python.Module}.{python.Name} not found"];
        var problems = new List<string>();
        var py = $"Python {python.Name}";
        var cs = $"C# {csharpName}";
        if (python.IsProcess && !isProcess)
            problems.Add($"{py} is a multiprocessing Process subclass; {cs} does not derive from PyCompat.Multiprocessing.Process");
        else if (!python.IsProcess && isProcess)
            problems.Add($"{py} is not a Process subclass; {cs} derives from PyCompat.Multiprocessing.Process");
        else if (python.DefinesRun && !overridesRun)
            problems.Add($"{py} defines run(); {cs} does not override Run()");
        return problems;
    }
}
