using System.Text.Json;
using PyCompat.Pickling.Tests.Infrastructure;

namespace PyCompat.Pickling.Tests;

/// <summary>The real thing: the two pickles CPython's spawn start method writes down a child's pipe.</summary>
public sealed class SpawnFixture
{
    public SpawnFixture()
    {
        var answer = Python.Fixtures("spawn");
        Preparation = Convert.FromBase64String(answer.GetProperty("preparation").GetString()!);
        Process = Convert.FromBase64String(answer.GetProperty("process").GetString()!);
        AuthKey = Convert.FromHexString(answer.GetProperty("authkey").GetString()!);
        PreparationKeys = answer.GetProperty("prep_keys").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    public byte[] Preparation { get; }
    public byte[] Process { get; }
    public byte[] AuthKey { get; }
    public string[] PreparationKeys { get; }
}

public sealed class SpawnProcessPickleTests(SpawnFixture spawn) : IClassFixture<SpawnFixture>
{
    private static PyDict State(object? decoded)
    {
        var process = Assert.IsType<PyObject>(decoded);
        return Assert.IsType<PyDict>(process.State);
    }

    [Fact]
    public void A_spawn_process_object_decodes_to_a_PyObject_of_its_context_class()
    {
        var process = Assert.IsType<PyObject>(PyPickle.Loads(spawn.Process));

        Assert.Equal(new PyGlobal("multiprocessing.context", "SpawnProcess"), process.Type);
        Assert.Equal(PyTuple.Empty, process.Args);
        Assert.False(process.ViaReduce);
    }

    [Fact]
    public void The_process_state_holds_target_args_kwargs_and_name()
    {
        var state = State(PyPickle.Loads(spawn.Process));

        Assert.Equal(new PyGlobal("__main__", "target"), state["_target"]);
        Assert.Equal(new PyTuple(1, "x"), state["_args"]);
        Assert.Equal(new PyDict(), state["_kwargs"]);
        Assert.Equal("Process-1", state["_name"]);
    }

    [Fact]
    public void The_authkey_decodes_to_an_AuthenticationString_PyObject_holding_the_key_bytes()
    {
        var config = Assert.IsType<PyDict>(State(PyPickle.Loads(spawn.Process))["_config"]);

        var authkey = Assert.IsType<PyObject>(config["authkey"]);
        Assert.Equal(new PyGlobal("multiprocessing.process", "AuthenticationString"), authkey.Type);
        Assert.True(authkey.ViaReduce);
        Assert.Equal(spawn.AuthKey, Assert.IsType<byte[]>(Assert.Single(authkey.Args)));
    }

    [Fact]
    public void The_preparation_data_decodes_to_a_dict_with_the_keys_python_wrote()
    {
        var prep = Assert.IsType<PyDict>(PyPickle.Loads(spawn.Preparation));

        Assert.Equal(spawn.PreparationKeys, prep.Keys.Cast<string>().Order(StringComparer.Ordinal));
        Assert.IsType<List<object?>>(prep["sys_path"]);
    }

    [Fact]
    public void Load_reads_the_two_pickles_of_a_pipe_one_at_a_time_and_never_past_the_second()
    {
        using var pipe = new NoReadAheadStream([.. spawn.Preparation, .. spawn.Process]);

        var prep = PyPickle.Load(pipe);
        Assert.Equal(spawn.Preparation.Length, pipe.Position);
        var process = PyPickle.Load(pipe);

        Assert.IsType<PyDict>(prep);
        Assert.IsType<PyObject>(process);
        Assert.Equal(spawn.Preparation.Length + spawn.Process.Length, pipe.Position);
        Assert.False(pipe.Disposed);
    }
}
