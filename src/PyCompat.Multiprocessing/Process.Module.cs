namespace PyCompat.Multiprocessing;

public partial class Process
{
    /// <summary>The process this code runs in (<c>multiprocessing.current_process()</c>): <c>MainProcess</c> in a parent.</summary>
    public static Process CurrentProcess() => ProcessRegistry.Current;

    /// <summary>The parent of the current process (<c>multiprocessing.parent_process()</c>), or null in the main process.</summary>
    public static Process? ParentProcess() => ProcessRegistry.Parent;

    /// <summary>The children of the current process that are still running (<c>multiprocessing.active_children()</c>).</summary>
    public static IReadOnlyList<Process> ActiveChildren() => ProcessRegistry.ActiveChildren();

    /// <summary>
    /// Terminates the daemon children and joins the others, as CPython does at interpreter exit. It also runs by
    /// itself when the program exits; call it to wait at a point of your choosing.
    /// </summary>
    public static void JoinAllAtExit() => ProcessRegistry.JoinChildrenAtExit();
}
