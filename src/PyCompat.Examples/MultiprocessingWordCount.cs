using System.Diagnostics.CodeAnalysis;
using PyCompat.Multiprocessing;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_wordcount.py</c>: the 20 most frequent words of the chapter's .rst files, counted with <see cref="SimpleMapReduce{TInput,TKey,TValue,TResult}"/>.</summary>
[PyExample("multiprocessing_wordcount")]
public static class MultiprocessingWordCount
{
    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "and", "are", "as", "be", "by", "for", "if", "in", "is", "it", "of", "or", "py", "rst", "that", "the", "to", "with",
    ];

    /// <summary>Python's <c>string.punctuation</c>, each of which <c>str.maketrans</c> turns into a space.</summary>
    private const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary><c>def file_to_words(filename)</c>: (word, 1) for each word of the file, outside comment lines.</summary>
    [PyTarget("multiprocessing_wordcount", "file_to_words")]
    public static List<(string, int)> FileToWords(string filename)
    {
        Console.WriteLine($"{Process.CurrentProcess().Name} reading {filename}");
        var output = new List<(string, int)>();
        foreach (var raw in File.ReadLines(filename))
        {
            if (raw.TrimStart().StartsWith("..", StringComparison.Ordinal)) continue; // Skip comment lines.
            var line = new string([.. raw.Select(c => Punctuation.Contains(c) ? ' ' : c)]); // Strip punctuation
            foreach (var token in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                var word = token.ToLowerInvariant();
                if (word.All(char.IsLetter) && !StopWords.Contains(word)) output.Add((word, 1));
            }
        }
        return output;
    }

    /// <summary><c>def count_words(item)</c>: a word and the sum of its occurrences.</summary>
    [PyTarget("multiprocessing_wordcount", "count_words")]
    // The worker makes this parameter from a Python tuple with Activator (src/PyCompat.Multiprocessing/Hosting/
    // ValueConverter.cs); a NativeAOT build keeps the constructor of a generic tuple only when told to.
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ValueTuple<string, List<int>>))]
    public static (string, int) CountWords((string Word, List<int> Occurences) item) => (item.Word, item.Occurences.Sum());

    /// <summary>The script's <c>if __name__ == '__main__':</c> block.</summary>
    public static void Main()
    {
        var inputFiles = Directory.EnumerateFiles(".", "*.rst").Select(Path.GetFileName).OfType<string>().ToList();

        var mapper = new SimpleMapReduce<string, string, int, (string Word, int Count)>(FileToWords, CountWords);
        var wordCounts = mapper.Invoke(inputFiles);
        // sort(key=itemgetter(1)) is stable, then reverse(): ties keep their reversed order, as in Python.
        wordCounts = [.. wordCounts.OrderBy(w => w.Count)];
        wordCounts.Reverse();

        Console.WriteLine("\nTOP 20 WORDS BY FREQUENCY\n");
        var top20 = wordCounts.Take(20).ToList();
        var longest = top20.Max(w => w.Word.Length);
        foreach (var (word, count) in top20)
            Console.WriteLine($"{word.PadRight(longest + 1)}: {count,5}");
    }
}
