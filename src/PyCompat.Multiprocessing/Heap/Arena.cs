using System.Text;
using PyCompat.Multiprocessing.Posix;
using PyCompat.Multiprocessing.Reduction;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Heap;

/// <summary>
/// CPython's <c>multiprocessing.heap.Arena</c> on POSIX: shared memory backed by a temporary file in /dev/shm (or the
/// temp folder when /dev/shm lacks room), named <c>pym-PID-XXXXXXXX</c> and unlinked as soon as it is made, so nothing
/// is ever left behind; processes share it by the fd. It pickles for a child as CPython's does,
/// <c>rebuild_arena(size, DupFd(fd))</c>, the fd passed at the same number, so CPython and .NET children map the very
/// same memory.
/// </summary>
internal sealed unsafe class Arena : IReduceForChild, IDisposable
{
    internal static readonly PyGlobal RebuildArena = new("multiprocessing.heap", "rebuild_arena");
    private static readonly PyGlobal DupFdClass = new("multiprocessing.popen_spawn_posix", "_DupFd");
    private const int F_SETFD = 2, FD_CLOEXEC = 1;
    private nint _address;

    private Arena(int size, int fd)
    {
        Size = size;
        Fd = fd;
        _address = SharedMemory.mmap(0, (nuint)size, SharedMemory.PROT_READ | SharedMemory.PROT_WRITE, SharedMemory.MAP_SHARED, fd, 0);
        if (_address == SharedMemory.MapFailed)
        {
            var error = OSError.Last($"cannot map the shared memory of {size} bytes at fd {fd}");
            Libc.close(fd);
            throw error;
        }
    }

    /// <summary>The arena's length in bytes.</summary>
    public int Size { get; }

    /// <summary>The file descriptor of the unlinked file, which a child receives at the same number.</summary>
    public int Fd { get; }

    /// <summary>The start of the mapping in this process.</summary>
    public byte* Address => _address != 0 ? (byte*)_address : throw new ObjectDisposedException(nameof(Arena), "the arena is closed");

    /// <summary>A new zero-filled arena of <paramref name="size"/> bytes (CPython's <c>Arena(size)</c>).</summary>
    /// <exception cref="OSError">the file cannot be made, sized or mapped.</exception>
    public static Arena Create(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var template = Encoding.UTF8.GetBytes(Path.Combine(ChooseFolder(size), $"pym-{Environment.ProcessId}-XXXXXXXX") + "\0");
        int fd;
        fixed (byte* path = template) fd = SharedMemory.mkostemp(path, Libc.O_CLOEXEC);
        if (fd < 0) throw OSError.Last($"cannot make the file of a shared memory arena ({Encoding.UTF8.GetString(template, 0, template.Length - 1)})");
        SharedMemory.unlink(Encoding.UTF8.GetString(template, 0, template.Length - 1));
        // Above the numbers a child gets its spawn pipes at, so passing it at the same number clobbers none.
        fd = Pipe.High(fd);
        if (SharedMemory.ftruncate(fd, size) < 0)
        {
            var error = OSError.Last($"cannot size the shared memory arena to {size} bytes");
            Libc.close(fd);
            throw error;
        }
        return new Arena(size, fd);
    }

    /// <summary>CPython's <c>rebuild_arena(size, dupfd)</c> in a child: maps the fd the parent passed.</summary>
    public static Arena Open(int size, int fd)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        fd = Pipe.High(fd);
        Libc.fcntl(fd, F_SETFD, FD_CLOEXEC);
        return new Arena(size, fd);
    }

    /// <summary>The folder CPython's <c>Arena._choose_dir</c> picks: /dev/shm when it has room, else the temp folder.</summary>
    private static string ChooseFolder(int size)
    {
        const string Shm = "/dev/shm";
        try
        {
            if (Directory.Exists(Shm) && new DriveInfo(Shm).AvailableFreeSpace >= size) return Shm;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
        }
        return Path.GetTempPath();
    }

    object? IReduceForChild.ReduceForChild(SpawningPopen popen)
    {
        SpawningPopen.AssertSpawning(this);
        var dupFd = new PyObject(DupFdClass, PyTuple.Empty, new Dictionary<string, object?> { ["fd"] = popen.DuplicateForChild(Fd) });
        return new PyObject(RebuildArena, new PyTuple(Size, dupFd), ViaReduce: true);
    }

    /// <summary>Rebuilds <c>rebuild_arena(size, _DupFd{'fd': n})</c> from a parent's pickle.</summary>
    /// <exception cref="InvalidDataException">the arguments are not a size and a passed fd.</exception>
    internal static Arena Rebuild(PyObject pickled)
    {
        if (pickled.Args is [int size, PyObject { State: IReadOnlyDictionary<object?, object?> dupFd }]
            && dupFd.TryGetValue("fd", out var fd) && fd is int number)
            return Open(size, number);
        throw new InvalidDataException($"cannot rebuild {RebuildArena}{PyRepr.Repr(pickled.Args)}: expected (size, DupFd(fd)) as "
            + "CPython's reduce_arena writes it under spawn");
    }

    /// <summary>Unmaps the memory and closes the fd (other processes keep theirs).</summary>
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    ~Arena() => Close();

    private void Close()
    {
        var address = Interlocked.Exchange(ref _address, 0);
        if (address == 0) return;
        SharedMemory.munmap(address, (nuint)Size);
        Libc.close(Fd);
    }
}
