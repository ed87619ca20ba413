namespace PyCompat.Multiprocessing.Tests;

/// <summary>ToString() is CPython's repr(p), compared with what CPython prints for the same process at test time.</summary>
public sealed class ReprTests
{
    private const string PythonRepr = """
        import multiprocessing, os, re, sys
        def exit_with(code):
            sys.exit(code)
        if __name__ == "__main__":
            p = multiprocessing.Process(target=exit_with, args=(3,), name=sys.argv[1], daemon=True)
            print(re.sub(r"\d{3,}", "N", repr(p)))
            p.start(); p.join()
            print(re.sub(r"\d{3,}", "N", repr(p)))
            print(repr(multiprocessing.current_process()))
        """;

    [Fact]
    public async Task A_daemons_repr_before_start_and_after_a_nonzero_exit_reads_as_cpythons()
    {
        using var temp = new TempFolder();
        var script = temp.File("repr.py");
        File.WriteAllText(script, PythonRepr);
        const string name = "it's";
        var expected = await Python.RunAsync([script, name]);
        Assert.True(expected.ExitCode == 0, expected.ToString());

        var p = new Process(target: Targets.ExitWith, args: [3], name: name, daemon: true);
        var before = p.ToString();
        p.Start();
        p.Join(TimeSpan.FromSeconds(30));
        string[] actual = [Pids(before), Pids(p.ToString()), Process.CurrentProcess().ToString()];

        Assert.Equal(expected.Lines, actual);
    }

    private static string Pids(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\d{3,}", "N");
}
