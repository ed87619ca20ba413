using System.CommandLine;
using PyCompat.Pickling;

namespace PyCompat.Cli;

/// <summary>
/// <c>pycompat pickle FILE|-</c>: decodes one pickle with PyCompat's layer and prints the .NET view (the .NET type
/// and Python's repr of the value), or the one-line error with the byte offset and opcode (exit 1); with
/// <c>--repickle OUT</c>, also the value pickled again by PyCompat.
/// </summary>
internal static class PickleVerb
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The pickle file, or - to read one pickle from standard input." };
        var trust = new Option<bool>("--trust")
        {
            Description = "Trust the writer: any class or callable may be rebuilt as a PyObject (nothing ever runs).",
        };
        var allow = new Option<string[]>("--allow")
        {
            Description = "Add module:name (or module.name) to the allow list; repeatable.",
            AllowMultipleArgumentsPerToken = true,
        };
        var maxDepth = new Option<int?>("--max-depth") { Description = $"Deepest nesting (default {PickleLoadOptions.DefaultMaxDepth})." };
        var maxInput = new Option<long?>("--max-input-length") { Description = $"Largest pickle in bytes (default {PickleLoadOptions.DefaultMaxInputLength})." };
        var maxContainer = new Option<int?>("--max-container-length") { Description = $"Most items in one container (default {PickleLoadOptions.DefaultMaxContainerLength})." };
        var repickle = new Option<string?>("--repickle")
        {
            Description = "Also pickle the decoded value again with PyCompat (protocol 2) and write it to this file.",
        };
        var maxRepr = new Option<int>("--max-repr") { Description = "Cut the printed repr after this many characters.", DefaultValueFactory = _ => 10_000 };
        var command = new Command("pickle",
            "Decode one pickle (protocols 0-5) with PyCompat's pickle layer and print its .NET type and Python repr, or "
            + "the error with its byte offset and opcode. Safe on untrusted data: nothing in the pickle is run.");
        command.Arguments.Add(file);
        foreach (var option in new Option[] { trust, allow, maxDepth, maxInput, maxContainer, maxRepr, repickle }) command.Options.Add(option);
        command.SetAction(result =>
        {
            var options = result.GetValue(trust) ? PickleLoadOptions.Trusted : PickleLoadOptions.Default;
            if (result.GetValue(maxDepth) is { } depth) options = options with { MaxDepth = depth };
            if (result.GetValue(maxInput) is { } input) options = options with { MaxInputLength = input };
            if (result.GetValue(maxContainer) is { } container) options = options with { MaxContainerLength = container };
            var allowed = (result.GetValue(allow) ?? []).Select(ParseGlobal).ToList();
            if (allowed.Count > 0) options = options.Allow(allowed);
            return Run(result.GetValue(file)!, options, result.GetValue(maxRepr), result.GetValue(repickle));
        });
        return command;
    }

    private static PyGlobal ParseGlobal(string text)
    {
        var colon = text.IndexOf(':');
        if (colon > 0) return new PyGlobal(text[..colon], text[(colon + 1)..]);
        var dot = text.LastIndexOf('.');
        return dot > 0 ? new PyGlobal(text[..dot], text[(dot + 1)..]) : new PyGlobal("builtins", text);
    }

    private static int Run(string file, PickleLoadOptions options, int maxRepr, string? repickle)
    {
        object? value = null;
        if (Step(() => value = Read(file, options), "read", file) is { } readFailed) return readFailed;
        Console.WriteLine($".NET type: {TypeName(value)}");
        Console.WriteLine($"repr: {PyRepr.Repr(value, Math.Max(16, maxRepr))}");
        if (repickle is null) return 0;
        if (Step(() => File.WriteAllBytes(repickle, PyPickle.Dumps(value)), "write", repickle) is { } writeFailed) return writeFailed;
        Console.WriteLine($"pickled again: {repickle}");
        return 0;
    }

    private static object? Read(string file, PickleLoadOptions options)
    {
        if (file != "-") return PyPickle.Loads(File.ReadAllBytes(file), options);
        using var stdin = Console.OpenStandardInput();
        return PyPickle.Load(stdin, options);
    }

    /// <summary>Runs one step; a failure is one line on stderr and the exit code (1: the pickle or value, 2: the file).</summary>
    private static int? Step(Action step, string verb, string path)
    {
        try
        {
            step();
            return null;
        }
        catch (UnpicklingError e)
        {
            var where = e.Offset >= 0 ? $"at byte offset {e.Offset} (opcode {e.Opcode}): " : "";
            Console.Error.WriteLine($"pycompat pickle: {where}{OneLine(e.Reason)}");
            return 1;
        }
        catch (PicklingError e)
        {
            Console.Error.WriteLine($"pycompat pickle: cannot pickle the value again: {OneLine(e.Message)}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"pycompat pickle: cannot {verb} {path}: {e.Message}");
            return 2;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>The value's .NET type as C# spells it: <c>List&lt;object?&gt;</c>, <c>PyCompat.Pickling.PyDict</c>, <c>null</c>.</summary>
    private static string TypeName(object? value) => value is null ? "null" : TypeName(value.GetType());

    private static string TypeName(Type type)
    {
        if (type == typeof(object)) return "object?";
        if (!type.IsGenericType) return type.Namespace is "System" ? type.Name : type.FullName ?? type.Name;
        var name = type.Name[..type.Name.IndexOf('`')];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
    }
}
