namespace PyCompat.Pickling.Writing;

/// <summary>
/// A lowered value that PyCompat writes itself (through <see cref="NodeWriter"/>) because Razorvine would write it
/// wrongly or not at all. Nodes compare by reference, so Razorvine's memo never merges two distinct values that are
/// merely Equal in .NET (1.0m and 1.00m, two DateTimeOffsets at the same instant in different offsets).
/// </summary>
internal abstract class Node
{
    public abstract void Write(NodeWriter writer);
}
