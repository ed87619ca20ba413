using System.Collections;

namespace PyCompat.Pickling.Reading;

/// <summary>
/// A list as the unpickler fills it when the scanner has counted its items (the transcoder hands it to Razorvine out
/// of band, and fills it with the flat items it reads itself first): Razorvine's APPEND and APPENDS cast the
/// list to ArrayList and call <see cref="Add"/>, which goes straight into the <see cref="List{T}"/> the value table
/// returns, allocated once at its final length. Razorvine's own list (an ArrayList that grows by doubling) would be
/// copied into a new list by the raiser: for a million items that is ~16 MB of discarded large-object arrays, which
/// start gen2 collections, and a second 8 MB array. Reads go to the same items, so a constructor that gets the list as
/// an argument (set(list), array.array) sees what an ArrayList would show it, except that the items the transcoder
/// read are final values already (a tuple among them a PyTuple, which is hashable, not Razorvine's object[]).
/// </summary>
internal sealed class ListBuilder(int capacity) : ArrayList(0)
{
    /// <summary>The items, in the list the raiser returns.</summary>
    public List<object?> Items { get; } = new(capacity);

    /// <summary>How many of the first items are final values (read by the transcoder, not Razorvine): the raiser
    /// raises only the items after them.</summary>
    public int Raised { get; set; }

    public override int Add(object? value)
    {
        Items.Add(value);
        return Items.Count - 1;
    }

    public override int Count => Items.Count;

    public override object? this[int index]
    {
        get => Items[index];
        set => Items[index] = value;
    }

    public override IEnumerator GetEnumerator() => Items.GetEnumerator();

    public override void CopyTo(Array array, int arrayIndex) => ((ICollection)Items).CopyTo(array, arrayIndex);

    public override object?[] ToArray() => Items.ToArray();

    public override bool Contains(object? item) => Items.Contains(item);

    public override int IndexOf(object? value) => Items.IndexOf(value);

    public override void Clear() => Items.Clear();
}
