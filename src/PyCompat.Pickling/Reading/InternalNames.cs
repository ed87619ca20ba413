namespace PyCompat.Pickling.Reading;

/// <summary>
/// The persistent ids by which the transcoder reaches PyCompat's own callables (PERSID opcodes it writes;
/// <see cref="PyUnpickler"/> answers them). A pickle's own persistent ids never get this far: the scanner refuses them.
/// </summary>
internal static class InternalNames
{
    public const string Resolve = "resolve";
    public const string ResolvePython2 = "resolve_python2";
    public const string NewObj = "newobj";
    public const string Dict = "dict";
    public const string DictItems = "dictitems";
    public const string Build = "build";
}
