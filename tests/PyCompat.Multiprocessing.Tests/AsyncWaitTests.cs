using System.Net.Sockets;
using System.Security.Cryptography;
using PyCompat.Multiprocessing.Pooling;
using PyCompat.Multiprocessing.Queues;
using PyCompat.Multiprocessing.Synchronize;
using PyCompat.Pickling;
using Barrier = PyCompat.Multiprocessing.Synchronize.Barrier;
using Lock = PyCompat.Multiprocessing.Synchronize.Lock;
using Semaphore = PyCompat.Multiprocessing.Synchronize.Semaphore;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>
/// The awaitable waits on top of Python's blocking ones, against CPython children (python/async_peers.py) that do the
/// other side when the test lets them: each completes with what the blocking method returns, a cancelled one leaves
/// the object usable with nothing taken, and a timeout gives Python's answer.
/// </summary>
public sealed class AsyncWaitTests : IDisposable
{
    private static readonly TimeSpan Soon = TimeSpan.FromMilliseconds(200);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Process Peer(string function, params object?[] args) =>
        new(ProcessTarget.Python("async_peers", function, Path.GetDirectoryName(Python.Script("async_peers.py"))!), args);

    private static async Task Ended(Process child)
    {
        await child.JoinAsync().WaitAsync(Children.Patience);
        Assert.Equal(0, child.ExitCode);
    }

    [Fact]
    public async Task A_timed_out_awaitable_wait_gives_what_CPythons_blocking_wait_gives()
    {
        var path = _temp.File("timed");
        var python = await Python.RunAsync(["-c", $"import sys; sys.path.insert(0, {PyRepr.Repr(Path.GetDirectoryName(Python.Script("async_peers.py")))}); "
            + $"import async_peers; async_peers.timed_waits({PyRepr.Repr(path)})"]);
        Assert.True(python.ExitCode == 0, python.StandardError);

        using var @lock = new Lock();
        @lock.Acquire();
        using var sem = new Semaphore(0);
        using var @event = new Event();
        var (reader, writer) = PyCompat.Multiprocessing.Connection.Pipe(duplex: false);
        using (reader)
        using (writer)
        {
            var answers = new[]
            {
                await @lock.AcquireAsync(TimeSpan.FromMilliseconds(100)), await sem.AcquireAsync(TimeSpan.FromMilliseconds(100)),
                await @event.WaitAsync(TimeSpan.FromMilliseconds(100)), await reader.PollAsync(TimeSpan.FromMilliseconds(100)),
            };
            Assert.Equal(File.ReadAllText(path), string.Join(' ', answers.Select(a => PyRepr.Repr(a))));
        }
    }

    [Fact]
    public async Task RecvAsync_and_RecvBytesAsync_receive_what_a_CPython_child_sends_and_a_cancelled_one_loses_nothing()
    {
        var (mine, theirs) = PyCompat.Multiprocessing.Connection.Pipe();
        using var go = new Semaphore(0);
        var path = _temp.File("sent");
        var child = Peer("send_when", theirs, go, path);
        child.Start();
        theirs.Close();
        using (mine)
        {
            using (var cancel = new CancellationTokenSource(Soon))
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => mine.RecvAsync(cancel.Token));
            Assert.False(await mine.PollAsync(TimeSpan.Zero));

            go.Release();
            var value = await mine.RecvAsync().WaitAsync(Children.Patience);
            using (var cancel = new CancellationTokenSource(Soon))
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => mine.RecvBytesAsync(cancellationToken: cancel.Token));
            go.Release();
            var raw = await mine.RecvBytesAsync().WaitAsync(Children.Patience);
            Assert.Equal(File.ReadAllText(path), $"{PyRepr.Repr(value)}\n{PyRepr.Repr(raw)}");

            await Ended(child);
            await Assert.ThrowsAsync<EOFError>(() => mine.RecvAsync().WaitAsync(Children.Patience));
        }
    }

    [Fact]
    public async Task AcceptAsync_accepts_a_CPython_client_after_a_cancelled_wait()
    {
        var authkey = RandomNumberGenerator.GetBytes(16);
        using var listener = new Listener(authkey: authkey);
        using (var cancel = new CancellationTokenSource(Soon))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listener.AcceptAsync(cancel.Token));

        var path = _temp.File("sent");
        var child = Peer("connect_and_send", ((UnixDomainSocketEndPoint)listener.Address).ToString(), authkey, path);
        child.Start();
        using var connection = await listener.AcceptAsync().WaitAsync(Children.Patience);
        Assert.Equal(File.ReadAllText(path), PyRepr.Repr(connection.Recv()));
        await Ended(child);
    }

    [Fact]
    public async Task AcquireAsync_takes_a_lock_once_a_CPython_child_releases_it_and_a_cancelled_one_takes_nothing()
    {
        using var @lock = new Lock();
        using var ready = new Semaphore(0);
        using var go = new Semaphore(0);
        var child = Peer("hold_until", @lock, ready, go);
        child.Start();
        Assert.True(ready.Acquire(true, Children.Patience));

        using (var cancel = new CancellationTokenSource(Soon))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => @lock.AcquireAsync(cancellationToken: cancel.Token));
        go.Release();
        Assert.True(await @lock.AcquireAsync().WaitAsync(Children.Patience));
        Assert.False(@lock.Acquire(false));
        @lock.Release(); // from this thread, not the one that took it: a Lock allows it, as CPython's does
        Assert.True(@lock.Acquire(false));
        @lock.Release();
        await Ended(child);
    }

    [Fact]
    public async Task AcquireAsync_on_a_semaphore_completes_when_a_CPython_child_releases_it()
    {
        using var sem = new Semaphore(0);
        using var go = new Semaphore(0);
        var child = Peer("release_when", sem, go);
        child.Start();
        using (var cancel = new CancellationTokenSource(Soon))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sem.AcquireAsync(cancellationToken: cancel.Token));
        go.Release();
        Assert.True(await sem.AcquireAsync(Children.Patience));
        Assert.Equal(0, sem.GetValue());
        await Ended(child);
    }

    [Fact]
    public async Task WaitAsync_on_a_condition_wakes_on_a_CPython_childs_notify_and_a_cancelled_one_releases_the_lock()
    {
        using var cond = new Condition();
        using (var cancel = new CancellationTokenSource(Soon))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cond.WaitAsync(cancellationToken: cancel.Token));
        Assert.True(cond.Acquire(false));
        cond.Release();
        bool blocking;
        using (cond.Enter()) blocking = cond.Wait(TimeSpan.FromMilliseconds(100));
        Assert.False(blocking);
        Assert.Equal(blocking, await cond.WaitAsync(TimeSpan.FromMilliseconds(100)));

        using var done = new Semaphore(0);
        var child = Peer("notify_until", cond, done);
        child.Start();
        Assert.True(await cond.WaitAsync(Children.Patience));
        done.Release();
        await Ended(child);
    }

    [Fact]
    public async Task JoinAsync_on_a_joinable_queue_completes_once_a_CPython_child_has_done_the_task()
    {
        using var queue = new JoinableQueue();
        using var go = new Semaphore(0);
        var path = _temp.File("item");
        queue.Put(new PyTuple("task", 1));
        var child = Peer("finish_task", queue, go, path);
        child.Start();
        using (var cancel = new CancellationTokenSource(Soon))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.JoinAsync(cancel.Token));
        go.Release();
        await queue.JoinAsync().WaitAsync(Children.Patience);
        await Ended(child);
        Assert.Equal(File.ReadAllText(path), PyRepr.Repr(new PyTuple("task", 1)));
    }

    [Fact]
    public async Task GetAsync_cancelled_takes_no_item_and_the_next_one_gets_it()
    {
        using var queue = new Queue();
        using (var cancel = new CancellationTokenSource(Soon))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.GetAsync(cancel.Token));
        queue.Put("first");
        Assert.Equal("first", await queue.GetAsync().WaitAsync(Children.Patience));
    }

    [Fact]
    public async Task JoinAsync_on_a_pool_waits_for_its_workers_and_a_cancelled_one_can_be_joined_again()
    {
        using var go = new Semaphore(0);
        using var pool = new Pool(1, initializer: AsyncTargets.WaitFor, initargs: [go]);
        var running = await Assert.ThrowsAsync<InvalidOperationException>(() => pool.JoinAsync());
        Assert.Equal("Pool is still running", running.Message);
        pool.Close();
        using (var cancel = new CancellationTokenSource(Soon))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pool.JoinAsync(cancel.Token));
        go.Release();
        await pool.JoinAsync().WaitAsync(Children.Patience);
        Assert.All(pool.Workers, w => Assert.Equal(0, w.ExitCode));
    }
}

/// <summary>.NET targets for <see cref="AsyncWaitTests"/>.</summary>
public static class AsyncTargets
{
    /// <summary>A pool initializer that holds its worker until the test releases <paramref name="go"/>.</summary>
    public static void WaitFor(Semaphore go) => go.Acquire();
}
