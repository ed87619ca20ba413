namespace PyCompat.Cli.Tests;

/// <summary><c>pycompat pickle FILE</c>: the .NET view of a pickle CPython wrote, or the error with offset and opcode.</summary>
public sealed class PickleVerbTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pycompat-pickle-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>CPython writes the pickle and prints its repr, which the verb must print back.</summary>
    private async Task<(string Path, string Repr)> CpythonPickleAsync(string expression, int protocol)
    {
        var path = Path.Combine(_folder, $"value{protocol}.pickle");
        var python = await Commands.PythonAsync("-c",
            $"import pickle, sys, decimal, datetime; v = {expression}; open(sys.argv[1], 'wb').write(pickle.dumps(v, protocol={protocol})); print(repr(v))",
            path);
        Assert.True(python.ExitCode == 0, python.StandardError);
        return (path, python.StandardOutput.TrimEnd('\n'));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    public async Task A_cpython_pickle_prints_its_dotnet_type_and_pythons_repr(int protocol)
    {
        var (path, repr) = await CpythonPickleAsync(
            "{'n': 2**70, 't': (1, 'é', b'\\x00'), 's': frozenset({3}), 'when': datetime.date(2024, 2, 29), 'd': decimal.Decimal('1.50')}", protocol);

        var result = await Commands.PyCompatAsync("pickle", path);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("PyDict", result.StandardOutput);
        Assert.Contains(repr, result.StandardOutput);
    }

    [Fact]
    public async Task A_truncated_pickle_gives_one_line_with_the_offset_and_opcode_and_exit_1()
    {
        var (path, _) = await CpythonPickleAsync("['a' * 50, 'b' * 50]", 2);
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..40]);

        var result = await Commands.PyCompatAsync("pickle", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("offset [0-9]+", result.StandardError);
        Assert.Contains("opcode", result.StandardError);
    }

    [Fact]
    public async Task A_pickle_that_would_run_code_in_cpython_is_refused_and_nothing_runs()
    {
        var marker = Path.Combine(_folder, "ran");
        var path = Path.Combine(_folder, "hostile.pickle");
        var python = await Commands.PythonAsync("-c",
            "import pickle, sys\n" +
            "class Evil:\n" +
            "    def __reduce__(self): return (__import__('os').system, ('touch ' + sys.argv[2],))\n" +
            "open(sys.argv[1], 'wb').write(pickle.dumps(Evil(), protocol=2))",
            path, marker);
        Assert.True(python.ExitCode == 0, python.StandardError);

        var result = await Commands.PyCompatAsync("pickle", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not on the allow list", result.StandardError);
        Assert.False(File.Exists(marker));
    }

    /// <summary>CPython pickles a list nested <paramref name="depth"/> deep (its recursion limit raised to do so).</summary>
    private async Task<string> CpythonDeepListAsync(int depth)
    {
        var path = Path.Combine(_folder, $"deep{depth}.pickle");
        var python = await Commands.PythonAsync("-c",
            "import pickle, sys\n" +
            "sys.setrecursionlimit(100_000)\n" +
            "v = 1\n" +
            "for _ in range(int(sys.argv[2])): v = [v]\n" +
            "open(sys.argv[1], 'wb').write(pickle.dumps(v, protocol=2))",
            path, depth.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(python.ExitCode == 0, python.StandardError);
        return path;
    }

    [Fact]
    public async Task A_10000_deep_list_under_max_depth_20000_prints_a_result_or_one_line_error_and_never_crashes()
    {
        var path = await CpythonDeepListAsync(10_000);
        var again = Path.Combine(_folder, "again.pickle");

        var result = await Commands.PyCompatAsync("pickle", "--max-depth", "20000", "--max-repr", "100000", "--repickle", again, path);

        // It decodes and prints (the repr has every level), then refuses to pickle past the one depth limit.
        Assert.True(result.ExitCode is 0 or 1, $"exit {result.ExitCode}: {result.StandardError}");
        Assert.Contains("repr: " + new string('[', 10_000) + "1" + new string(']', 10_000), result.StandardOutput);
        Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("deeper than", result.StandardError);
    }

    [Fact]
    public async Task A_900_deep_list_decodes_and_pickles_again_into_what_CPython_loads_as_the_same_list()
    {
        var path = await CpythonDeepListAsync(900);
        var again = Path.Combine(_folder, "again.pickle");

        var result = await Commands.PyCompatAsync("pickle", "--repickle", again, path);

        Assert.True(result.ExitCode == 0, result.StandardError);
        var python = await Commands.PythonAsync("-c",
            "import pickle, sys; print(pickle.load(open(sys.argv[1], 'rb')) == pickle.load(open(sys.argv[2], 'rb')))", path, again);
        Assert.Equal("True", python.StandardOutput.Trim());
    }
}
