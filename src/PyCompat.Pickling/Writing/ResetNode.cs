using System.Reflection;
using Razorvine.Pickle;

namespace PyCompat.Pickling.Writing;

/// <summary>
/// A container the lowering wraps every <see cref="Span"/> levels of nesting. Razorvine's writer counts nested
/// <c>save</c> calls and refuses more than <see cref="Pickler.MAX_RECURSE_DEPTH"/> (200 in Razorvine 1.5.0), far
/// fewer than the depth PyCompat decodes; this node saves its value with that counter set back to zero and restores
/// it afterwards, so the writer follows the value as deep as the lowering allows (the stack is sized for that depth
/// by <see cref="DeepStack"/>). The counter is a private field of Razorvine's <c>PicklerImplementation</c> (the
/// version is pinned in Directory.Packages.props): should a later version rename it, the node only saves its value
/// and Razorvine's own limit applies again, which fails as a <see cref="PicklingError"/>, never a crash.
/// </summary>
internal sealed class ResetNode(object? value) : Node
{
    /// <summary>Levels between two resets: well below Razorvine's limit, with room for a leaf's own levels.</summary>
    public const int Span = 100;

    private static readonly FieldInfo? Implementation =
        typeof(Pickler).GetField("_picklerImplementation", BindingFlags.NonPublic | BindingFlags.Instance);

    public override void Write(NodeWriter writer) => writer.SaveWithCounterReset(value, Counter);

    /// <summary>Razorvine's recursion counter of <paramref name="pickler"/>'s current dump, or null if it is not found.</summary>
    private static (object Owner, FieldInfo Field)? Counter(Pickler pickler)
    {
        var implementation = Implementation?.GetValue(pickler);
        var field = implementation?.GetType().GetField("recurse", BindingFlags.NonPublic | BindingFlags.Instance);
        return field is { FieldType: var type } && type == typeof(int) ? (implementation!, field) : null;
    }
}
