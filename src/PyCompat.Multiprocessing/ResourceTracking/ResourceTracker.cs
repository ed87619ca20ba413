using System.Runtime.InteropServices;
using System.Text;
using PyCompat.Multiprocessing.Posix;
using PyCompat.Multiprocessing.Spawn;

namespace PyCompat.Multiprocessing.ResourceTracking;

/// <summary>
/// The client of CPython's resource tracker (multiprocessing/resource_tracker.py): a process that creates a named
/// resource (a semaphore) registers it with a tracker process over a pipe, one line <c>REGISTER:name:rtype</c>, and
/// unregisters it (<c>UNREGISTER:name:rtype</c>) once it has unlinked it. When every holder of the pipe has ended (the
/// creator killed by SIGKILL included) the tracker unlinks what is still registered. A C# parent starts a .NET
/// tracker (<see cref="TrackerMain"/>, a mode of the worker host) the first time it registers, and hands the pipe to
/// its children as CPython's spawn does (<c>spawn_main(tracker_fd=N, ...)</c>); a child given such an fd registers
/// there, whichever language its parent is.
/// </summary>
internal static unsafe class ResourceTracker
{
    /// <summary>The worker host's argument that makes it a tracker reading the fd that follows.</summary>
    public const string TrackerFlag = "--resource-tracker";

    /// <summary>Where the tracker process reads its pipe.</summary>
    private const int ReadFd = 3;

    private static readonly System.Threading.Lock Gate = new();
    private static int? _fd;
    private static bool _unavailable;

    /// <summary>The tracker's pipe when one runs (this process started it, or its parent passed it), else null: a
    /// child then gets no <c>tracker_fd</c> and starts its own tracker if it creates something.</summary>
    public static int? Fd
    {
        get { lock (Gate) return _fd; }
    }

    /// <summary>CPython's <c>resource_tracker.register(name, rtype)</c>.</summary>
    public static void Register(string name, string rtype) => Send("REGISTER", name, rtype);

    /// <summary>CPython's <c>resource_tracker.unregister(name, rtype)</c>.</summary>
    public static void Unregister(string name, string rtype) => Send("UNREGISTER", name, rtype);

    /// <summary>What <c>spawn_main(tracker_fd=N)</c> does in a child: registers with the parent's tracker from now on.
    /// The fd moves above the numbers a child of this one gets its pipes at.</summary>
    public static void UseInherited(int fd)
    {
        lock (Gate)
        {
            _fd = Pipe.High(fd);
        }
    }

    private static void Send(string command, string name, string rtype)
    {
        var message = Encoding.ASCII.GetBytes($"{command}:{name}:{rtype}\n");
        if (message.Length > 512) throw new ArgumentException("msg too long", nameof(name));
        lock (Gate)
        {
            if (!EnsureRunning()) return;
            if (Write(_fd!.Value, message)) return;
            // As CPython's ensure_running when its probe fails: the tracker has died; start another.
            Libc.close(_fd.Value);
            _fd = null;
            Console.Error.WriteLine("UserWarning: resource_tracker: process died unexpectedly, relaunching.  Some resources might leak.");
            if (EnsureRunning()) Write(_fd!.Value, message);
        }
    }

    private static bool Write(int fd, byte[] message)
    {
        fixed (byte* bytes = message)
        {
            nint written;
            do written = Libc.write(fd, bytes, message.Length);
            while (written < 0 && Marshal.GetLastPInvokeError() == Libc.EINTR);
            // One write of at most 512 bytes on a pipe is atomic: all, or an error (EPIPE once the tracker is gone).
            return written == message.Length;
        }
    }

    /// <summary>Starts the tracker unless one runs; false when it cannot be started (said once on stderr: the names
    /// are still unlinked at a normal exit, only a SIGKILL would leave them).</summary>
    private static bool EnsureRunning()
    {
        if (_fd is not null) return true;
        if (_unavailable) return false;
        try
        {
            var worker = WorkerLocator.Locate();
            var pipe = Pipe.Create();
            var devNull = Libc.open("/dev/null", Libc.O_RDWR, 0);
            try
            {
                // As CPython's tracker closes its stdin and stdout: only stderr, for its warnings, stays shared. Nothing
                // else is inherited (a child's own spawn pipes, a parent's sentinel), which it would hold open until
                // every process that registers with it has ended.
                ChildProcess.Start(worker.Executable, [worker.Executable, .. worker.Prefix, TrackerFlag, ReadFd.ToString()],
                    NativeStringArray.CurrentEnvironment(), [(devNull, 0), (devNull, 1), (pipe.ReadFd, ReadFd)],
                    closeWhenReaped: [], closeFrom: ReadFd + 1);
            }
            catch
            {
                Libc.close(pipe.WriteFd);
                throw;
            }
            finally
            {
                Libc.close(pipe.ReadFd);
                if (devNull >= 0) Libc.close(devNull);
            }
            _fd = pipe.WriteFd;
            return true;
        }
        catch (Exception error) when (error is FileNotFoundException or IOException or System.ComponentModel.Win32Exception)
        {
            _unavailable = true;
            Console.Error.WriteLine($"resource_tracker: cannot start the resource tracker ({error.Message}); a process "
                + "killed by SIGKILL would leave its semaphores in /dev/shm");
            return false;
        }
    }
}
