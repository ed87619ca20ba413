using PyCompat.Multiprocessing.Posix;
using PyCompat.Multiprocessing.Spawn;

namespace PyCompat.Multiprocessing;

/// <summary>
/// Python's <c>multiprocessing.Process</c> with .NET names: <see cref="Start"/> runs the target in a fresh OS process
/// started through CPython's spawn protocol, its arguments carried as real pickle bytes.
/// </summary>
/// <example>
/// Python <c>p = multiprocessing.Process(target=worker, args=(i,)); p.start()</c> is
/// <c>var p = new Process(target: Worker, args: [i]); p.Start();</c>. A subclass that overrides <see cref="Run"/>
/// runs that override in the child, as a Python subclass's <c>run()</c> does: its instance crosses as a pickle (see
/// <see cref="PyClassAttribute"/>).
/// </example>
public partial class Process
{
    private readonly ProcessTarget? _target;
    private readonly object?[] _args;
    private readonly IReadOnlyDictionary<string, object?> _kwargs;
    private ChildProcess? _popen;
    private bool _closed;
    private string _name;
    private bool _daemon;

    /// <summary>Creates a process that will run <paramref name="target"/>(*<paramref name="args"/>, **<paramref name="kwargs"/>).</summary>
    /// <param name="target">A static method (or a lambda that captures nothing), or <see cref="ProcessTarget.Python"/>.</param>
    /// <param name="args">Positional arguments; each must be picklable (checked at <see cref="Start"/>).</param>
    /// <param name="kwargs">Keyword arguments, by parameter name.</param>
    /// <param name="name">The name; by default <c>Process-N</c> (<c>Process-1:N</c> in a child).</param>
    /// <param name="daemon">Whether the process is a daemon; by default the current process's flag.</param>
    /// <exception cref="ArgumentException">the target captures state, which cannot cross to another process.</exception>
    public Process(ProcessTarget target, object?[]? args = null, IReadOnlyDictionary<string, object?>? kwargs = null,
        string? name = null, bool? daemon = null)
        : this(ProcessRegistry.NextIdentity(), target, args, kwargs, name, daemon)
    {
    }

    /// <summary>Creates a process whose target is a delegate; see the main constructor.</summary>
    public Process(Delegate target, object?[]? args = null, IReadOnlyDictionary<string, object?>? kwargs = null,
        string? name = null, bool? daemon = null)
        : this(ProcessTarget.DotNet(target), args, kwargs, name, daemon)
    {
    }

    /// <summary>
    /// For a subclass that overrides <see cref="Run"/> (Python's <c>class Worker(multiprocessing.Process)</c>): the
    /// default name is the class's name and the counter, <c>Worker-1</c>, as in Python. The child rebuilds the instance
    /// with this constructor's parameterless form, then sets the fields from the parent's pickle (see
    /// <see cref="PyClassAttribute"/>).
    /// </summary>
    /// <param name="name">The name; by default <c>ClassName-N</c>.</param>
    /// <param name="daemon">Whether the process is a daemon; by default the current process's flag.</param>
    protected Process(string? name = null, bool? daemon = null)
        : this(ProcessRegistry.NextIdentity(), null, null, null, name, daemon)
    {
    }

    private Process(int[] identity, ProcessTarget? target, object?[]? args,
        IReadOnlyDictionary<string, object?>? kwargs, string? name, bool? daemon)
    {
        var current = ProcessRegistry.Current;
        Identity = identity;
        _target = target;
        _args = args ?? [];
        _kwargs = kwargs ?? new Dictionary<string, object?>();
        _name = name ?? GetType().Name + "-" + string.Join(':', identity);
        _daemon = daemon ?? current.Daemon;
        AuthKey = current.AuthKey;
        ParentPid = Environment.ProcessId;
        ParentName = current.Name;
    }

    /// <summary>Describes a process that is not a child of this one (the current or the parent process).</summary>
    internal Process(string name, int[] identity, int pid, bool daemon, byte[] authKey, int? parentPid, string? parentName)
    {
        _target = null;
        _args = [];
        _kwargs = new Dictionary<string, object?>();
        Restore(name, identity, daemon, authKey, parentPid, parentName);
        ExternalPid = pid;
    }

    /// <summary>The process's name (<c>p.name</c>); only used for identification.</summary>
    public string Name
    {
        get => _name;
        set => _name = value ?? throw new ArgumentNullException(nameof(value), "name must be a string");
    }

    /// <summary>Whether this is a daemon process (<c>p.daemon</c>): terminated, not joined, when its parent exits.</summary>
    /// <exception cref="InvalidOperationException">set after <see cref="Start"/>.</exception>
    public bool Daemon
    {
        get => _daemon;
        set
        {
            if (_popen is not null) throw new InvalidOperationException("process has already started");
            _daemon = value;
        }
    }

    /// <summary>The OS process id (<c>p.pid</c>), or null before <see cref="Start"/>.</summary>
    public int? Pid
    {
        get
        {
            if (ExternalPid is not null) return ExternalPid;
            if (ReferenceEquals(this, ProcessRegistry.Current)) return Environment.ProcessId;
            CheckClosed();
            return _popen?.Pid;
        }
    }

    /// <summary>
    /// The exit code (<c>p.exitcode</c>): null while running or before start; 0, the code given to exit, 1 after an
    /// unhandled exception, or -N when the process was killed by signal N.
    /// </summary>
    public int? ExitCode
    {
        get
        {
            CheckClosed();
            return _popen?.ExitCode;
        }
    }

    /// <summary>A handle that is signalled when the process ends (<c>p.sentinel</c>), for <see cref="WaitHandle.WaitAny(WaitHandle[])"/>.</summary>
    /// <exception cref="InvalidOperationException">the process has not been started.</exception>
    public WaitHandle Sentinel
    {
        get
        {
            CheckClosed();
            return _popen?.Exited ?? throw new InvalidOperationException("process not started");
        }
    }

    /// <summary>Where this process sits in the tree: (1, 2) is the 2nd child of the 1st child of the main process.</summary>
    internal int[] Identity { get; private set; }

    internal byte[] AuthKey { get; private set; }

    internal int? ParentPid { get; private set; }

    internal string? ParentName { get; private set; }

    /// <summary>The pid of a process that this object describes but did not start.</summary>
    private int? ExternalPid { get; }

    internal ProcessTarget? Target => _target;

    /// <summary>More assemblies a .NET child loads beside its target's (a pool worker: those of the pool's functions).</summary>
    internal IReadOnlyList<string> ChildAssemblies { get; init; } = [];

    internal object?[] Args => _args;

    internal IReadOnlyDictionary<string, object?> Kwargs => _kwargs;

    /// <summary>Starts the child (<c>p.start()</c>): pickles the arguments here, so what cannot pickle fails in this process.</summary>
    /// <exception cref="InvalidOperationException">the process was started before, or the current process is a daemon.</exception>
    /// <exception cref="Pickling.PicklingError">an argument cannot be pickled; the message names it and its type.</exception>
    public void Start()
    {
        CheckClosed();
        if (_popen is not null) throw new InvalidOperationException("cannot start a process twice");
        if (ExternalPid is not null || (_target is null && !OverridesRun))
            throw new InvalidOperationException("can only start a process object created by current process");
        if (ParentPid != Environment.ProcessId)
            throw new InvalidOperationException("can only start a process object created by current process");
        if (ProcessRegistry.Current.Daemon)
            throw new InvalidOperationException("daemonic processes are not allowed to have children");
        ProcessRegistry.Cleanup();
        _popen = SpawnLauncher.Launch(this);
        ProcessRegistry.AddChild(this);
    }

    /// <summary>Waits until the process ends (<c>p.join(timeout)</c>); with a timeout, returns when it elapses either way.</summary>
    /// <exception cref="InvalidOperationException">the process was not started by this process.</exception>
    public void Join(TimeSpan? timeout = null)
    {
        CheckClosed();
        if (ParentPid != Environment.ProcessId) throw new InvalidOperationException("can only join a child process");
        if (_popen is null) throw new InvalidOperationException("can only join a started process");
        if (_popen.Wait(timeout) is not null) ProcessRegistry.RemoveChild(this);
    }

    /// <summary>Waits up to <paramref name="timeoutSeconds"/> seconds, as Python's <c>p.join(1.5)</c>.</summary>
    public void Join(double timeoutSeconds) => Join(TimeSpan.FromSeconds(timeoutSeconds));

    /// <summary>Whether the process is running (<c>p.is_alive()</c>): true from <see cref="Start"/> until it ends.</summary>
    public bool IsAlive
    {
        get
        {
            CheckClosed();
            if (ReferenceEquals(this, ProcessRegistry.Current)) return true;
            if (ExternalPid is not null) return Posix.Liveness.IsRunning(ExternalPid.Value);
            if (_popen is null) return false;
            if (_popen.ExitCode is null) return true;
            ProcessRegistry.RemoveChild(this);
            return false;
        }
    }

    /// <summary>Sends SIGTERM (<c>p.terminate()</c>); the exit code becomes -15 unless the target handles it.</summary>
    public void Terminate()
    {
        CheckClosed();
        _popen?.Signal(Libc.SIGTERM);
    }

    /// <summary>Sends SIGKILL (<c>p.kill()</c>); the exit code becomes -9.</summary>
    public void Kill()
    {
        CheckClosed();
        _popen?.Signal(Libc.SIGKILL);
    }

    /// <summary>Releases the process object (<c>p.close()</c>); afterwards most members raise.</summary>
    /// <exception cref="InvalidOperationException">the process is still running.</exception>
    public void Close()
    {
        if (_popen is not null)
        {
            if (_popen.ExitCode is null)
                throw new InvalidOperationException(
                    "Cannot close a process while it is still running. You should first call join() or terminate().");
            _popen = null;
            ProcessRegistry.RemoveChild(this);
        }
        _closed = true;
    }

    /// <summary>
    /// What the child runs (<c>p.run()</c>): the target with its arguments. Override it in a subclass, as a Python
    /// subclass overrides <c>run()</c>; the override then runs in the child process.
    /// </summary>
    public virtual void Run()
    {
        if (_target is DotNetTarget { Method: var method } && _kwargs.Count == 0)
            method.Invoke(null, System.Reflection.BindingFlags.DoNotWrapExceptions, null, _args, null);
        else if (_target is not null)
            throw new NotSupportedException($"run() in this process calls only a .NET target without keyword arguments; {_target.DisplayName} runs in the child");
    }

    /// <summary>Whether this object's class overrides <see cref="Run"/>: then the child runs the class, not a target.</summary>
    internal bool OverridesRun => OverridesRunIn(GetType());

    /// <summary>Whether <paramref name="type"/> (a Process subclass) overrides <see cref="Run"/>.</summary>
    internal static bool OverridesRunIn(Type type) =>
        type.GetMethod(nameof(Run), Type.EmptyTypes)!.DeclaringType != typeof(Process);

    /// <summary>Becomes the process a parent pickled (in a .NET child rebuilding a subclass instance).</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_name), nameof(Identity), nameof(AuthKey))]
    internal void Restore(string name, int[] identity, bool daemon, byte[] authKey, int? parentPid, string? parentName)
    {
        _name = name;
        Identity = identity;
        _daemon = daemon;
        AuthKey = authKey;
        ParentPid = parentPid;
        ParentName = parentName;
    }

    /// <summary>As CPython's <c>repr(p)</c>: <c>&lt;Process name='Process-1' pid=4242 parent=4241 stopped exitcode=-SIGTERM&gt;</c>.</summary>
    public override string ToString()
    {
        string status;
        int? exitCode = null;
        if (ReferenceEquals(this, ProcessRegistry.Current)) status = "started";
        else if (_closed) status = "closed";
        else if (ExternalPid is not null || ParentPid != Environment.ProcessId) status = "unknown";
        else if (_popen is null) status = "initial";
        else
        {
            exitCode = _popen.ExitCode;
            status = exitCode is null ? "started" : "stopped";
        }
        var info = new List<string> { $"{TypeName()} name={Pickling.PyRepr.Repr(_name)}" };
        if (_popen is not null) info.Add($"pid={_popen.Pid}");
        info.Add($"parent={(ParentPid is { } parent ? parent.ToString() : "None")}");
        info.Add(status);
        if (exitCode is { } code) info.Add($"exitcode={Posix.SignalNames.ExitCodeName(code)}");
        if (_daemon) info.Add("daemon");
        return $"<{string.Join(' ', info)}>";
    }

    private string TypeName() =>
        ReferenceEquals(this, ProcessRegistry.Parent) ? "_ParentProcess"
        : ExternalPid is not null && Identity.Length == 0 && ParentPid is null ? "_MainProcess"
        : GetType().Name;

    private void CheckClosed()
    {
        if (_closed) throw new InvalidOperationException("process object is closed");
    }
}
