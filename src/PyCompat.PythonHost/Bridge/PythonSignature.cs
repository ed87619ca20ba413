namespace PyCompat.PythonHost.Bridge;

/// <summary>How a Python parameter can be passed: <c>inspect.Parameter.kind</c>, with the same numbers.</summary>
public enum PythonParameterKind
{
    /// <summary>Before <c>/</c>: by position only.</summary>
    PositionalOnly = 0,

    /// <summary>By position or by keyword (the usual <c>def f(x)</c>).</summary>
    PositionalOrKeyword = 1,

    /// <summary><c>*args</c>: any number of further positional arguments.</summary>
    VarPositional = 2,

    /// <summary>After <c>*</c> or <c>*args</c>: by keyword only.</summary>
    KeywordOnly = 3,

    /// <summary><c>**kwargs</c>: any further keyword arguments.</summary>
    VarKeyword = 4,
}

/// <summary>One parameter of a Python function, as <c>inspect.signature</c> reports it.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Kind">How it can be passed.</param>
/// <param name="HasDefault">True when a caller may leave it out.</param>
public sealed record PythonParameter(string Name, PythonParameterKind Kind, bool HasDefault = false)
{
    /// <summary>True for parameters a caller can fill by position.</summary>
    public bool IsPositional => Kind is PythonParameterKind.PositionalOnly or PythonParameterKind.PositionalOrKeyword;

    /// <summary>True for parameters a caller can fill by keyword.</summary>
    public bool IsKeyword => Kind is PythonParameterKind.PositionalOrKeyword or PythonParameterKind.KeywordOnly;
}

/// <summary>A Python function's signature as <c>inspect.signature</c> reports it.</summary>
/// <param name="Function">The function's name, e.g. <c>worker</c>.</param>
/// <param name="Text">Python's own text of the signature, <c>str(inspect.signature(f))</c>, e.g. <c>(num)</c>.</param>
/// <param name="Parameters">The parameters, in order.</param>
public sealed record PythonSignature(string Function, string Text, IReadOnlyList<PythonParameter> Parameters)
{
    /// <summary>The function as Python shows it, e.g. <c>worker(num)</c>.</summary>
    public override string ToString() => Function + Text;
}
