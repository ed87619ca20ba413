namespace PyCompat.Pickling.Reading;

/// <summary>
/// The persistent ids by which the transcoder reaches PyCompat's own callables: BININT1 of the slot, then BINPERSID
/// (opcodes it writes; <see cref="PyUnpickler"/> answers them), so no id is a string to read and look up. Slot 0 is the
/// transcoder's scratch register. A pickle's own persistent ids never get this far: the scanner refuses them.
/// </summary>
internal static class InternalSlots
{
    public const int Scratch = 0, Dict = 1, DictItems = 2, NewObj = 3, Resolve = 4, ResolvePython2 = 5, Build = 6;

    /// <summary>The number of slots, the scratch slot included.</summary>
    public const int Count = 7;
}
