using System.Collections;
using System.Reflection;
using System.Runtime.Loader;
using PyCompat.Pickling.Tests.Infrastructure;
using Razorvine.Pickle;

namespace PyCompat.Pickling.Tests;

/// <summary>
/// PyCompat must leave Razorvine as it found it for other code in the process. Razorvine's registries are static, so
/// the test loads fresh copies of Razorvine and PyCompat.Pickling into their own AssemblyLoadContext: there a plain
/// Unpickler and Pickler run before PyCompat ever did, whatever other tests ran in this process, then again after
/// PyCompat decoded and encoded.
/// </summary>
public sealed class RazorvineIsolationTests
{
    private static readonly string[] Expressions =
    [
        "bytearray(b'ab')", "b'xy'", "datetime.date(2024, 1, 2)", "datetime.time(3, 4, 5)",
        "datetime.datetime(2024, 1, 2, 3, 4, 5)", "datetime.timedelta(days=1)", "frozenset({1, 2})", "{1, 2}",
        "1+2j", "Decimal('1.50')", "{'k': [1, (2, 'x')]}", "ValueError('v')",
    ];

    [Fact]
    public void A_plain_razorvine_unpickler_and_pickler_give_the_same_results_before_and_after_pycompat_ran()
    {
        var pickles = Python.Fixtures("dump", Expressions).EnumerateArray()
            .Where(e => e.GetProperty("protocol").GetInt32() is 2 or 4)
            .Select(e => Convert.FromBase64String(e.GetProperty("pickle").GetString()!))
            .ToList();
        var context = new FreshPickling();
        try
        {
            Assert.NotSame(typeof(Unpickler).Assembly, context.RazorvineAssembly); // its statics are not this process's
            var before = context.PlainRazorvine(pickles);

            context.PyCompatDecodesAndEncodes(pickles);
            var after = context.PlainRazorvine(pickles);

            Assert.Equal(Expressions.Length * 2 + 3, before.Count);
            Assert.Equal(before, after);
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Razorvine and PyCompat.Pickling loaded afresh (their static state new), everything else shared.</summary>
    private sealed class FreshPickling() : AssemblyLoadContext("fresh-pickling", isCollectible: true)
    {
        private static readonly string[] Own = ["Razorvine.Pickle", "PyCompat.Pickling"];

        protected override Assembly? Load(AssemblyName name) =>
            Own.Contains(name.Name)
                ? LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, name.Name + ".dll"))
                : null;

        public Assembly RazorvineAssembly => LoadFromAssemblyName(typeof(Unpickler).Assembly.GetName());

        private Type PyPickleType => LoadFromAssemblyName(typeof(PyPickle).Assembly.GetName()).GetType(typeof(PyPickle).FullName!)!;

        /// <summary>What a plain Unpickler makes of each pickle (types, recursively), and what a plain Pickler writes.</summary>
        public List<string> PlainRazorvine(List<byte[]> pickles)
        {
            var unpickler = RazorvineAssembly.GetType(typeof(Unpickler).FullName!)!;
            var loads = unpickler.GetMethod(nameof(Unpickler.loads), [typeof(byte[])])!;
            var seen = new List<string>();
            foreach (var pickle in pickles)
            {
                try
                {
                    seen.Add(Describe(loads.Invoke(Activator.CreateInstance(unpickler), [pickle])));
                }
                catch (TargetInvocationException e)
                {
                    seen.Add($"raises {e.InnerException!.GetType().Name}");
                }
            }
            var pickler = RazorvineAssembly.GetType(typeof(Pickler).FullName!)!;
            var dumps = pickler.GetMethod(nameof(Pickler.dumps), [typeof(object)])!;
            object[] values = [new DateTime(2024, 1, 2), new List<object> { 1, "a", new byte[] { 1 } }, new HashSet<object> { 1m }];
            foreach (var value in values)
                seen.Add(Convert.ToHexString((byte[])dumps.Invoke(Activator.CreateInstance(pickler), [value])!));
            return seen;
        }

        /// <summary>PyCompat decodes every pickle and encodes what it decoded, at each protocol it writes.</summary>
        public void PyCompatDecodesAndEncodes(List<byte[]> pickles)
        {
            var load = PyPickleType.GetMethod(nameof(PyPickle.Load), [typeof(Stream)])!;
            var dumps = PyPickleType.GetMethod(nameof(PyPickle.Dumps), [typeof(object), typeof(int)])!;
            foreach (var pickle in pickles.Where(p => !IsException(p)))
            {
                var value = load.Invoke(null, [new MemoryStream(pickle)]);
                for (var protocol = 2; protocol <= 5; protocol++) dumps.Invoke(null, [value, protocol]);
            }
        }

        private static bool IsException(byte[] pickle) => pickle.AsSpan().IndexOf("ValueError"u8) >= 0;

        private static string Describe(object? value) => value switch
        {
            null => "null",
            string or byte[] => value.GetType().FullName!,
            IDictionary dict => $"{value.GetType().FullName}{{{string.Join(", ", dict.Keys.Cast<object?>().Select(k => $"{Describe(k)}: {Describe(dict[k!])}"))}}}",
            IEnumerable items => $"{value.GetType().FullName}[{string.Join(", ", items.Cast<object?>().Select(Describe))}]",
            _ => $"{value.GetType().FullName}({value})",
        };
    }
}
