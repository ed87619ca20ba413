using System.Text.Json;
using System.Xml.Linq;
using CliWrap;
using CliWrap.Buffered;

namespace PyCompat.Consumer.Tests;

/// <summary>
/// PyCompat as a user gets it: the packages and the tool packed once into a folder, a fresh console app and a fresh
/// xunit project outside the repository that take PyCompat from that folder only (a prerelease version no other feed
/// has, restored into a packages folder of their own), and the installed tool checking the user's own script and port.
/// The projects are made from Consumer/ (<c>*.in</c> with the version filled in).
/// </summary>
public sealed class ConsumerTests
{
    private static readonly string Templates = Path.Combine(Repo.Root, "tests", "PyCompat.Consumer.Tests", "Consumer");
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A_fresh_project_runs_a_Process_with_a_Lock_from_the_packages_and_its_golden_test_and_the_installed_tool_pass()
    {
        var root = Directory.CreateTempSubdirectory("pycompat-consumer-").FullName;
        try
        {
            var version = $"{VersionPrefix()}-consumer.{DateTime.UtcNow:yyyyMMddHHmmss}";
            var feed = Path.Combine(root, "feed");
            var machinePackages = await MachinePackagesFolderAsync(root);
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["NUGET_PACKAGES"] = Path.Combine(root, "packages") };

            // One Release pack of what a user installs (the tool's project builds every library it packs).
            foreach (var project in (string[])["src/PyCompat.Cli", "src/PyCompat.Multiprocessing", "src/PyCompat.Pickling", "src/PyCompat.Golden"])
                await DotnetAsync(Repo.Root, null, ["pack", project, "-c", "Release", "-o", feed, $"-p:VersionSuffix={version[(version.IndexOf('-') + 1)..]}",
                    "--disable-build-servers", .. project == "src/PyCompat.Cli" ? Array.Empty<string>() : ["--no-restore"]]);
            Assert.Equal(
                ["PyCompat.Golden", "PyCompat.Multiprocessing", "PyCompat.Pickling", "pycompat"],
                Directory.GetFiles(feed, "*.nupkg").Select(f => Path.GetFileName(f)[..^$".{version}.nupkg".Length]).Order(StringComparer.Ordinal));

            WriteConsumer(root, feed, machinePackages, version);
            var python = await Cli.Wrap("python3").WithArguments(["lockdemo.py"]).WithWorkingDirectory(Path.Combine(root, "scripts"))
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
            Assert.Equal(0, python.ExitCode);

            // The program: a Process with a Lock, whose child finds pycompat-worker beside the program (buildTransitive/).
            await DotnetAsync(Path.Combine(root, "tests"), environment, "restore", "--disable-build-servers");
            await DotnetAsync(Path.Combine(root, "tests"), environment, "build", "--no-restore", "--disable-build-servers");
            var app = Path.Combine(root, "app", "bin", "Debug", "net10.0", "app.dll");
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(app)!, "pycompat-worker.dll")), "the package put no pycompat-worker.dll beside the program");
            var run = await DotnetAsync(root, environment, app);
            Assert.Equal(Sorted(python.StandardOutput), Sorted(run.StandardOutput));

            // The user's golden test: GoldenAssert against CPython, in the user's own xunit project.
            var test = await DotnetAsync(Path.Combine(root, "tests"), environment, "test", "--no-build", "--disable-build-servers");
            Assert.Contains("Passed!  - Failed:     0, Passed:     1", test.StandardOutput, StringComparison.Ordinal);

            // The tool, installed from the folder, checks the user's script folder with the user's ports.
            var tools = Path.Combine(root, "tool");
            await DotnetAsync(root, environment, "tool", "install", "--tool-path", tools, "--add-source", feed, "pycompat", "--version", version);
            var pycompat = Path.Combine(tools, "pycompat");
            await RunAsync(root, environment, pycompat, "check", "--update", "--examples", Path.Combine(root, "scripts"));
            var check = await RunAsync(root, environment, pycompat, "check", "--json", "--examples", Path.Combine(root, "scripts"), "--ports", app);
            using var json = JsonDocument.Parse(check.StandardOutput);
            var statuses = json.RootElement.GetProperty("results").EnumerateArray()
                .ToDictionary(r => r.GetProperty("mode").GetString()!, r => r.GetProperty("status").GetString()!);
            Assert.Equal(new Dictionary<string, string> { ["python3"] = "pass", ["embedded"] = "pass", ["mapped"] = "pass", ["port"] = "pass", ["book"] = "n/a" }, statuses);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string[] Sorted(string output) => [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    private static string VersionPrefix() =>
        XDocument.Load(Path.Combine(Repo.Root, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    private static string PackageVersion(string id) =>
        XDocument.Load(Path.Combine(Repo.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == id).Attribute("Version")!.Value;

    // Third-party packages come from the machine's own packages folder (fallback) or its usual feeds; PyCompat's only from the feed folder.
    private static async Task<string> MachinePackagesFolderAsync(string root)
    {
        var locals = await DotnetAsync(root, null, "nuget", "locals", "global-packages", "--list");
        return locals.StandardOutput.Trim().Split(": ", 2)[1].Trim();
    }

    private static void WriteConsumer(string root, string feed, string machinePackages, string version)
    {
        var values = new Dictionary<string, string>
        {
            ["@VERSION@"] = version,
            ["@SCRIPTS@"] = Path.Combine(root, "scripts"),
            ["@TEST_SDK_VERSION@"] = PackageVersion("Microsoft.NET.Test.Sdk"),
            ["@XUNIT_VERSION@"] = PackageVersion("xunit"),
            ["@XUNIT_RUNNER_VERSION@"] = PackageVersion("xunit.runner.visualstudio"),
        };
        foreach (var file in Directory.GetFiles(Templates, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Templates, file);
            var target = Path.Combine(root, relative.EndsWith(".in", StringComparison.Ordinal) ? relative[..^3] : relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, values.Aggregate(File.ReadAllText(file), (text, v) => text.Replace(v.Key, v.Value, StringComparison.Ordinal)));
        }
        new XDocument(new XElement("configuration",
            new XElement("packageSources", new XElement("add", new XAttribute("key", "pycompat-local"), new XAttribute("value", feed))),
            new XElement("fallbackPackageFolders", new XElement("add", new XAttribute("key", "machine"), new XAttribute("value", machinePackages)))))
            .Save(Path.Combine(root, "nuget.config"));
    }

    private static Task<BufferedCommandResult> DotnetAsync(string directory, IReadOnlyDictionary<string, string?>? environment, params string[] arguments) =>
        RunAsync(directory, environment, "dotnet", arguments);

    private static async Task<BufferedCommandResult> RunAsync(string directory, IReadOnlyDictionary<string, string?>? environment, string program, params string[] arguments)
    {
        // The outer `dotnet test` sets MSBuild variables for its own build; a nested build must not inherit them.
        var cleared = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBUILD", StringComparison.Ordinal))
            .ToDictionary(k => k, _ => (string?)null);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            cleared[key] = value;
        using var timeout = new CancellationTokenSource(StepTimeout);
        var result = await Cli.Wrap(program).WithArguments(arguments).WithWorkingDirectory(directory).WithEnvironmentVariables(cleared)
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(timeout.Token);
        Assert.True(result.ExitCode == 0,
            $"{program} {string.Join(' ', arguments)} exited {result.ExitCode} in {directory}:\n{result.StandardOutput}\n{result.StandardError}");
        return result;
    }
}
