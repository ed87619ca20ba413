using PyCompat.Multiprocessing.Discovery;
using PyCompat.PythonHost.Discovery;
using PyCompat.PythonHost.Tests.Support;

namespace PyCompat.PythonHost.Tests;

/// <summary>The probe cache saves the shim's cost without ever answering for a changed interpreter.</summary>
public sealed class ProbeCacheTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pycompat-cache").FullName;

    private string? Environment(string name) => name == "PYCOMPAT_CACHE_DIR" ? _folder : System.Environment.GetEnvironmentVariable(name);

    [Fact]
    public void A_second_lookup_returns_the_same_install_as_the_probe()
    {
        var probed = PythonLocator.Locate(Interpreters.Default.Executable, Environment);
        Assert.True(File.Exists(Path.Combine(_folder, "probes-v2")));
        Assert.Equal(probed, PythonLocator.Locate(Interpreters.Default.Executable, Environment));
    }

    [Fact]
    public void A_cached_answer_is_dropped_when_the_candidate_file_changes()
    {
        var shim = Path.Combine(_folder, "python3");
        File.WriteAllText(shim, $"#!/bin/sh\nexec {Interpreters.Default.Executable} \"$@\"\n");
        var cache = ProbeCache.FromEnvironment(Environment);
        var candidate = new PythonCandidate(shim, "--python");
        cache.Put(ProbeCache.Key(candidate, Environment), Interpreters.Default);
        Assert.Equal(Interpreters.Default, cache.TryGet(ProbeCache.Key(candidate, Environment)));

        File.AppendAllText(shim, "# edited\n");
        Assert.Null(cache.TryGet(ProbeCache.Key(candidate, Environment)));
    }

    [Fact]
    public void A_shims_answer_depends_on_the_pyenv_version_it_would_pick()
    {
        var shim = Path.Combine(_folder, "python3");
        File.WriteAllText(shim, "#!/bin/sh\n");
        var candidate = new PythonCandidate(shim, "--python");
        var chosen = ProbeCache.Key(candidate, name => name == "PYENV_VERSION" ? "3.12.1" : Environment(name));
        var other = ProbeCache.Key(candidate, name => name == "PYENV_VERSION" ? "3.13.0" : Environment(name));
        Assert.NotEqual(chosen, other);
    }

    [Fact]
    public void A_damaged_cache_file_costs_a_probe_and_is_replaced_by_a_good_one()
    {
        var file = Path.Combine(_folder, "probes-v2");
        File.WriteAllText(file, "17:cut short");
        var cache = ProbeCache.FromEnvironment(Environment);
        var candidate = new PythonCandidate(Interpreters.Default.Executable, "--python");
        Assert.Null(cache.TryGet(ProbeCache.Key(candidate, Environment)));

        var probed = PythonLocator.Locate(Interpreters.Default.Executable, Environment);
        Assert.Equal(probed, cache.TryGet(ProbeCache.Key(candidate, Environment)));
    }
}
