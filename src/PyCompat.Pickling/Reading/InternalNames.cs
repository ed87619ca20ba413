namespace PyCompat.Pickling.Reading;

/// <summary>
/// The globals the transcoder emits to reach PyCompat's own constructors. The module name cannot clash with a real
/// Python module reachable from a pickle's GLOBAL, because the transcoder rewrites every GLOBAL it reads.
/// </summary>
internal static class InternalNames
{
    public const string Module = "__pycompat__";
    public const string Resolve = "resolve";
    public const string NewObj = "newobj";
    public const string Dict = "dict";
    public const string DictItems = "dictitems";
}
