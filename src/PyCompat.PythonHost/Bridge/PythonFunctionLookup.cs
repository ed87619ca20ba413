namespace PyCompat.PythonHost.Bridge;

/// <summary>What looking up a Python function found.</summary>
public enum LookupStatus
{
    /// <summary>The function was found and its signature read.</summary>
    Found,

    /// <summary>No file for the module in the folder searched.</summary>
    ModuleNotFound,

    /// <summary>The module's file exists but importing it raised.</summary>
    ImportFailed,

    /// <summary>The module has no attribute of that name.</summary>
    NoSuchFunction,

    /// <summary>The attribute exists but <c>inspect.signature</c> cannot describe it.</summary>
    NoSignature,
}

/// <summary>The outcome of looking up <c>module.name</c>.</summary>
/// <param name="Module">The Python module.</param>
/// <param name="Name">The function's name in it.</param>
/// <param name="Status">What was found.</param>
/// <param name="Signature">The signature, when <see cref="Status"/> is <see cref="LookupStatus.Found"/>.</param>
/// <param name="Problem">Why not, otherwise: one line, e.g. Python's own error.</param>
public sealed record PythonFunctionLookup(string Module, string Name, LookupStatus Status, PythonSignature? Signature = null, string? Problem = null);
