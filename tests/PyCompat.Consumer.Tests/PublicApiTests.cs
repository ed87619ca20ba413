using System.Reflection;
using DiffPlex.Renderer;
using PublicApiGenerator;

namespace PyCompat.Consumer.Tests;

/// <summary>
/// The public surface of each packaged library, as PublicApiGenerator prints it, equals the checked-in
/// <c>PublicApi/NAME.txt</c>: a type or member that becomes public (or stops being) shows up here, for a reviewer to
/// see. After an intended change, run the tests with <c>PYCOMPAT_UPDATE_PUBLIC_API=1</c> to rewrite the files, and
/// commit them with the change.
/// </summary>
public sealed class PublicApiTests
{
    private const string UpdateVariable = "PYCOMPAT_UPDATE_PUBLIC_API";

    public static TheoryData<string> Assemblies => new() { "PyCompat.Pickling", "PyCompat.Multiprocessing", "PyCompat.Golden" };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void The_packaged_library_exposes_exactly_the_checked_in_public_API(string name)
    {
        var assembly = Assembly.Load(name);
        var actual = assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false }).ReplaceLineEndings("\n");
        var file = Path.Combine(Repo.Root, "tests", "PyCompat.Consumer.Tests", "PublicApi", name + ".txt");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, actual);
        }
        var expected = File.Exists(file) ? File.ReadAllText(file).ReplaceLineEndings("\n") : "";
        if (expected == actual) return;
        var diff = UnidiffRenderer.GenerateUnidiff(expected, actual, file, $"{name}.dll as built", ignoreWhitespace: false, contextLines: 3);
        Assert.Fail($"{name}'s public API differs from {file} (- checked in, + as built). If the change is intended, run the tests "
            + $"with {UpdateVariable}=1 to rewrite the file and commit it with the change; otherwise make the new type or member internal.\n{diff}");
    }
}
