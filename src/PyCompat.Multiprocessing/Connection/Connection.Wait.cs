using System.Net.Sockets;

namespace PyCompat.Multiprocessing;

public sealed partial class Connection
{
    /// <summary>
    /// CPython's <c>multiprocessing.connection.wait</c>: waits until at least one object is ready to read (a message
    /// or end of file is waiting) or <paramref name="timeout"/> passes, and returns those ready, in the order given
    /// (empty after a timeout). Objects may be <see cref="Connection"/>s, <see cref="Socket"/>s or raw fds
    /// (<see cref="int"/>), with poll(2) underneath as CPython's PollSelector.
    /// </summary>
    /// <param name="objects">What to wait on.</param>
    /// <param name="timeout">null waits for ever; zero only looks.</param>
    /// <exception cref="OSError">a connection is closed ('handle is closed').</exception>
    /// <exception cref="ArgumentException">an object is none of the kinds above.</exception>
    public static List<T> Wait<T>(IEnumerable<T> objects, TimeSpan? timeout = null) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(objects);
        var list = objects.ToList();
        var fds = list.Select(item => FilenoOf(item)).ToArray();
        var ready = FdIo.PollReadable(fds, timeout);
        return ready.Select(i => list[i]).ToList();
    }

    /// <summary><see cref="Wait{T}(IEnumerable{T}, TimeSpan?)"/> with the timeout in seconds, as Python writes it.</summary>
    public static List<T> Wait<T>(IEnumerable<T> objects, double timeoutSeconds) where T : notnull =>
        Wait(objects, TimeSpan.FromSeconds(timeoutSeconds));

    private static int FilenoOf(object item) => item switch
    {
        Connection connection => connection.Fileno(),
        Socket socket => (int)socket.Handle,
        int fd when fd >= 0 => fd,
        _ => throw new ArgumentException(
            $"cannot wait on {item} ({item.GetType().Name}): pass Connections, Sockets or file descriptors"),
    };
}
