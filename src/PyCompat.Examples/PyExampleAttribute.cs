namespace PyCompat.Examples;

/// <summary>Marks a class as the C# port of the book's script <c>pyexamples/NAME.py</c>; its static <c>Main()</c> is the script's body.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PyExampleAttribute(string name) : Attribute
{
    /// <summary>The script's file name without <c>.py</c>.</summary>
    public string Name { get; } = name;
}
