using System.ComponentModel;
using System.Runtime.InteropServices;

namespace PyCompat.Multiprocessing.Posix;

/// <summary>Starts a child with <c>posix_spawn</c>, handing it chosen fds at chosen numbers.</summary>
internal static unsafe class PosixSpawn
{
    /// <summary>glibc's posix_spawn_file_actions_t is 80 bytes; leave room for other libcs.</summary>
    private const int FileActionsSize = 256;

    /// <param name="path">The executable.</param>
    /// <param name="argv">argv, argv[0] included.</param>
    /// <param name="environment">"KEY=value" entries.</param>
    /// <param name="fds">Each (source fd, fd number in the child); 0, 1 and 2 are inherited as they are.</param>
    /// <param name="closeFrom">When set, every fd from this number up is closed in the child after <paramref name="fds"/>
    /// are placed (glibc 2.34's closefrom action; skipped where libc lacks it), so it inherits nothing else.</param>
    public static int Spawn(string path, IReadOnlyList<string> argv, IReadOnlyList<string> environment,
        IReadOnlyList<(int Source, int Target)> fds, int? closeFrom = null)
    {
        var actions = NativeMemory.AllocZeroed(FileActionsSize);
        var cpath = NativeStringArray.Utf8(path);
        try
        {
            Check(Libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            foreach (var (source, target) in fds)
                Check(Libc.posix_spawn_file_actions_adddup2(actions, source, target), "posix_spawn_file_actions_adddup2");
            if (closeFrom is { } lowest) AddCloseFrom(actions, lowest);
            using var args = new NativeStringArray(argv);
            using var env = new NativeStringArray(environment);
            int pid;
            var rc = Libc.posix_spawn(&pid, (byte*)cpath, actions, null, args.Pointer, env.Pointer);
            if (rc != 0)
                throw new Win32Exception(rc, $"cannot start '{path}': {new Win32Exception(rc).Message}");
            return pid;
        }
        finally
        {
            Libc.posix_spawn_file_actions_destroy(actions);
            NativeMemory.Free(actions);
            NativeMemory.Free((void*)cpath);
        }
    }

    private static void AddCloseFrom(void* actions, int lowest)
    {
        try
        {
            Check(Libc.posix_spawn_file_actions_addclosefrom_np(actions, lowest), "posix_spawn_file_actions_addclosefrom_np");
        }
        catch (EntryPointNotFoundException)
        {
            // An older libc: the child inherits the other fds not marked close-on-exec, as without the option.
        }
    }

    private static void Check(int rc, string what)
    {
        if (rc != 0) throw new Win32Exception(rc, $"{what} failed: {new Win32Exception(rc).Message}");
    }
}
