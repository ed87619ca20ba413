namespace PyCompat.Golden.Modes;

/// <summary>
/// One way of running an example, as a command template: the <see cref="Tool"/> and its arguments, where
/// <c>{script}</c> stands for <c>NAME.py</c> (run from the examples folder, as the book does) and <c>{name}</c> for NAME.
/// </summary>
/// <param name="Name">The name <c>--mode</c> takes and the report shows, e.g. <c>port</c>.</param>
/// <param name="Summary">What the mode runs, in a few words.</param>
/// <param name="Tool">The program it starts.</param>
/// <param name="Arguments">The argument template.</param>
/// <param name="Reference">What its output is compared with.</param>
internal sealed record Mode(string Name, string Summary, Tool Tool, IReadOnlyList<string> Arguments, Reference Reference)
{
    /// <summary>
    /// True for the modes whose point is that .NET runs the ported code (<c>mapped</c>, <c>port</c>): a run passes
    /// only when its child log (<see cref="Running.ChildLog"/>) shows that it did, not on matching output alone.
    /// </summary>
    public bool MustRunDotnet { get; init; }

    /// <summary><c>python3 NAME.py</c>: CPython itself, compared with the golden it recorded.</summary>
    public static Mode Python3 { get; } = new("python3", "python3 NAME.py, compared with the golden CPython recorded", Tool.Python, ["{script}"], Reference.Golden);

    /// <summary><c>pycompat run NAME.py</c>: the script unchanged in CPython embedded in .NET.</summary>
    public static Mode Embedded { get; } = new("embedded", "pycompat run NAME.py: the script in CPython embedded in .NET", Tool.Pycompat, ["run", "{script}"], Reference.Golden);

    /// <summary><c>pycompat run --map NAME.py</c>: the script, with targets that have C# ports run in .NET children.</summary>
    public static Mode Mapped { get; } = new("mapped", "pycompat run --map NAME.py: targets with C# ports run in .NET children", Tool.Pycompat, ["run", "--map", "{script}"], Reference.Golden) { MustRunDotnet = true };

    /// <summary><c>pycompat port NAME</c>: the C# port.</summary>
    public static Mode Port { get; } = new("port", "pycompat port NAME: the C# port", Tool.Pycompat, ["port", "{name}"], Reference.Golden) { MustRunDotnet = true };

    /// <summary><c>python3 NAME.py</c> again, compared with the book's transcript instead of the golden.</summary>
    public static Mode Book { get; } = new("book", "python3 NAME.py, compared with the book's transcript (stdout and stderr, as the book merged them)", Tool.Python, ["{script}"], Reference.Book);

    /// <summary>Every standard mode, in the order the report shows them.</summary>
    public static IReadOnlyList<Mode> All { get; } = [Python3, Embedded, Mapped, Port, Book];

    /// <summary>The standard mode called <paramref name="name"/>, or null.</summary>
    public static Mode? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    /// <summary>
    /// This mode with <paramref name="options"/> after its verb, e.g. <c>port --ports MyPorts.dll NAME</c>; it keeps its
    /// name, so the report and <c>--mode</c> still call it by it.
    /// </summary>
    public Mode WithOptions(IEnumerable<string> options) => this with { Arguments = [Arguments[0], .. options, .. Arguments.Skip(1)] };

    /// <summary>The arguments for <paramref name="example"/>.</summary>
    public IEnumerable<string> ArgumentsFor(string example) =>
        Arguments.Select(a => a.Replace("{script}", example + ".py", StringComparison.Ordinal).Replace("{name}", example, StringComparison.Ordinal));
}
