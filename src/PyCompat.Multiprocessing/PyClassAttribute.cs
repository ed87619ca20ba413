namespace PyCompat.Multiprocessing;

/// <summary>
/// Marks a <see cref="Process"/> subclass as the C# port of a Python <c>multiprocessing.Process</c> subclass (or any other
/// class as the port of a Python class whose instances cross as values, see below), so that
/// a process CPython pickled as an instance of <c>module.name</c> runs this class's <see cref="Process.Run"/> in .NET
/// instead (mapped mode), and a C# parent names its subclass that way in the pickle.
/// </summary>
/// <remarks>
/// The child rebuilds the instance as Python's unpickling does (<c>cls.__new__</c>, then the <c>__dict__</c>): it
/// calls the class's parameterless constructor (any accessibility), then sets the process's own state (name, daemon,
/// identity...) and, for each other key of the pickled <c>__dict__</c>, the field or property of that name (exact, then
/// ignoring case and underscores: <c>start_at</c> sets <c>StartAt</c>), converted as a target's arguments are. Keys the class has no member
/// for are left out. A C# parent pickles the instance fields its subclasses declare the same way (an auto-property
/// under the property's name), so they cross too; each must be picklable.
/// <para>A class that is not a Process crosses the same way as a value: a C# parent's instance on a queue or connection
/// pickles as an instance of <c>module.name</c> with its fields as the <c>__dict__</c>, and a pickled instance of that
/// Python class becomes one where a port asks for the C# type (a parameter, <c>Queue.Get&lt;T&gt;()</c>). A class the
/// parent's script defines is pickled under <c>__main__</c>, which matches any module.</para>
/// </remarks>
/// <example><c>[PyClass("multiprocessing_subclass", "Worker")] class Worker : Process { public override void Run() ... }</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PyClassAttribute(string module, string name) : Attribute
{
    /// <summary>The Python module, as the script's file name without <c>.py</c> (not <c>__main__</c>).</summary>
    public string Module { get; } = module;

    /// <summary>The class's qualified name in that module.</summary>
    public string Name { get; } = name;
}
