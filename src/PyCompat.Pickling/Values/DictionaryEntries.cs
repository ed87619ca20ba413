using System.Collections;

namespace PyCompat.Pickling;

internal static class DictionaryEntries
{
    /// <summary>
    /// The pairs of any non-generic IDictionary. Its IDictionaryEnumerator must be used: enumerating a
    /// Dictionary&lt;K,V&gt; as IEnumerable yields KeyValuePair, not DictionaryEntry.
    /// </summary>
    public static IEnumerable<(object? Key, object? Value)> Pairs(this IDictionary dictionary)
    {
        var entries = dictionary.GetEnumerator();
        while (entries.MoveNext()) yield return (entries.Key, entries.Value);
    }
}
