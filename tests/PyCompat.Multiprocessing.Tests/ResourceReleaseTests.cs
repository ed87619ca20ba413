using System.Net.Sockets;
using PyCompat.Multiprocessing.Pooling;
using PyCompat.Multiprocessing.Queues;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>
/// Each public object that holds an OS resource gives it back when disposed: its fds are closed (the fd no longer
/// names the pipe or socket it named in /proc/self/fd; other tests running beside this one may reuse the number) and
/// the semaphores it made are gone from /dev/shm.
/// </summary>
public sealed class ResourceReleaseTests
{
    private static string? Link(int fd)
    {
        try
        {
            return new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static List<(int Fd, string Link)> Open(IEnumerable<int> fds) =>
        [.. fds.Select(fd => (fd, Link(fd) ?? throw new InvalidOperationException($"fd {fd} is not open to begin with")))];

    private static void AssertClosed(IEnumerable<(int Fd, string Link)> fds) =>
        Assert.All(fds, f => Assert.NotEqual(f.Link, Link(f.Fd)));

    private static void AssertRemoved(IEnumerable<string> semaphores) =>
        Assert.All(semaphores, name => Assert.False(File.Exists("/dev/shm/sem." + name[1..]), $"{name} is still in /dev/shm"));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Disposing_a_pipes_connections_closes_their_fds(bool duplex)
    {
        var (first, second) = PyCompat.Multiprocessing.Connection.Pipe(duplex);
        var fds = Open([first.Fileno(), second.Fileno()]);
        Assert.All(fds, f => Assert.Matches(duplex ? "^socket:" : "^pipe:", f.Link));
        first.Dispose();
        second.Dispose();
        AssertClosed(fds);
    }

    [Fact]
    public void Disposing_a_listener_closes_its_socket_and_removes_its_socket_file()
    {
        var listener = new Listener();
        var path = ((UnixDomainSocketEndPoint)listener.Address).ToString();
        Assert.True(File.Exists(path));
        var fds = Open([listener.Fd]);
        listener.Dispose();
        AssertClosed(fds);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Disposing_a_queue_of_each_kind_closes_its_pipe_and_removes_its_semaphores()
    {
        var queue = new Queue();
        var joinable = new JoinableQueue();
        var simple = new SimpleQueue();
        queue.Put("item"); // starts the feeder thread, which holds the write end
        Assert.Equal("item", queue.Get());
        joinable.Put("task");
        Assert.Equal("task", joinable.Get());
        joinable.TaskDone();
        simple.Put("item");
        Assert.Equal("item", simple.Get());

        var fds = Open([.. queue.Fds, .. joinable.Fds, .. simple.Fds]);
        var semaphores = queue.SemaphoreNames.Concat(joinable.SemaphoreNames).Concat(simple.SemaphoreNames).ToList();
        Assert.All(semaphores, name => Assert.True(File.Exists("/dev/shm/sem." + name[1..]), $"{name} is not in /dev/shm"));
        queue.Dispose();
        joinable.Dispose();
        simple.Dispose();
        AssertClosed(fds);
        AssertRemoved(semaphores);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Disposing_a_pool_ends_its_workers_closes_them_and_releases_its_queues(bool awaitUsing)
    {
        var pool = new Pool(2);
        Assert.Equal([3L, 6L, 9L], pool.Map<long, long>(PoolTargets.Triple, [1L, 2L, 3L]));
        var workers = pool.Workers;
        var fds = Open(pool.Queues.SelectMany(q => q.Fds));
        var semaphores = pool.Queues.SelectMany(q => q.SemaphoreNames).ToList();
        if (awaitUsing) await pool.DisposeAsync();
        else pool.Dispose();
        Assert.All(workers, w => Assert.Throws<InvalidOperationException>(() => w.IsAlive)); // closed, so ended
        AssertClosed(fds);
        AssertRemoved(semaphores);
    }
}
