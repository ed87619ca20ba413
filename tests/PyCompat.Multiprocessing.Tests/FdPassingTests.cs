using PyCompat.Multiprocessing.Reduction;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>An object that needs an fd in the child (a pipe end, an arena) gets it at the same number, as CPython's
/// DupFd does under spawn.</summary>
public sealed class FdPassingTests
{
    /// <summary>A pipe's write end that pickles as its fd number, handed to the child being started.</summary>
    private sealed class WriteEnd(SafeFileHandleOwner pipe) : IReduceForChild
    {
        public object? ReduceForChild(SpawningPopen popen) => popen.DuplicateForChild(pipe.WriteFd);
    }

    /// <summary>An anonymous pipe whose ends close on dispose (both are close-on-exec, as .NET makes them).</summary>
    private sealed class SafeFileHandleOwner : IDisposable
    {
        private readonly System.IO.Pipes.AnonymousPipeServerStream _server = new(System.IO.Pipes.PipeDirection.In);

        public int WriteFd => (int)_server.ClientSafePipeHandle.DangerousGetHandle();

        public string ReadToEnd()
        {
            _server.DisposeLocalCopyOfClientHandle();
            using var reader = new StreamReader(_server);
            return reader.ReadToEnd();
        }

        public void Dispose() => _server.Dispose();
    }

    [Fact]
    public void A_cpython_child_receives_an_fd_the_pickle_names_at_the_same_number()
    {
        using var pipe = new SafeFileHandleOwner();
        var child = new Process(ProcessTarget.Python("sync_ports", "write_to_fd", Path.GetDirectoryName(Python.Script("sync_ports.py"))!),
            [new WriteEnd(pipe), "through the passed fd"]);
        child.Start();
        child.Join(TimeSpan.FromSeconds(120));
        Assert.Equal(0, child.ExitCode);
        Assert.Equal("through the passed fd", pipe.ReadToEnd());
    }
}
