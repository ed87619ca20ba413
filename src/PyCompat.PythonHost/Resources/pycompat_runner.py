"""The Python half of `pycompat run`: runs a script the way `python3 SCRIPT ARGS...` does, inside PyCompat's
embedded CPython.

PyCompat.PythonHost loads this module from an embedded resource, calls main() once, reads `exit_code` and
`keyboard_interrupt`, then finalizes the interpreter (threads joined, atexit run, streams flushed) as python3 does.
Hooks (code that must run before the script, e.g. a custom start method) get this module as `pycompat_runner`.
Written for CPython 3.9+.
"""

import os
import signal
import sys

#: The exit code python3 would give for how the script ended; read by the host after main().
exit_code = 0
#: 1 when the script ended with an uncaught KeyboardInterrupt: python3 then ends itself with SIGINT.
keyboard_interrupt = 0

# Signals whose handler was installed by the .NET host before CPython started (CPython reports them as None).
_foreign_signals = []

# The .NET runtime handles these asynchronous signals itself; python3 leaves them at their default action.
# A forked child that still had .NET's SIGTERM handler forwarded the signal to the .NET parent, which then
# died with 143: at the default action, `terminate()` kills only the child, as in python3.
_PYTHON3_DEFAULTS = ("SIGTERM", "SIGQUIT", "SIGHUP", "SIGUSR1", "SIGUSR2")

# Handlers faulthandler installs (it does not go through the signal module, so they also look foreign).
_FAULT_SIGNALS = ("SIGSEGV", "SIGFPE", "SIGABRT", "SIGBUS", "SIGILL")


def main(config_hex):
    """Runs the script the host describes: its fields (hex-encoded; ScriptRunner.Configuration lists them)."""
    global exit_code, keyboard_interrupt
    fields = _read_fields(bytes.fromhex(config_hex))
    script, executable, start_method = fields[0], fields[1], fields[2]
    argument_count = int(fields[3])
    args = fields[4 : 4 + argument_count]
    hooks = fields[4 + argument_count :]
    _adopt_python3_signal_handling()
    _set_command_line(executable, script, args)
    _use_executable(executable)
    if start_method:
        set_default_start_method(start_method)
    for index in range(0, len(hooks), 2):
        _run_hook(hooks[index], hooks[index + 1])
    exit_code, interrupted = _run_as_main(script)
    keyboard_interrupt = 1 if interrupted else 0


def _read_fields(data):
    """The host's FieldList (Running/FieldList.cs): each field its UTF-8 byte count, a colon, then its bytes. Read
    without importing json, which the script would then find in sys.modules where python3 has none."""
    fields = []
    position = 0
    while position < len(data):
        colon = data.index(b":", position)
        end = colon + 1 + int(data[position:colon])
        fields.append(data[colon + 1 : end].decode("utf-8"))
        position = end
    return fields


def set_default_start_method(method):
    """Makes `method` the default start method without fixing it: a script's own
    `multiprocessing.set_start_method(...)` still works, as it does under python3."""
    import multiprocessing.context as context

    chosen = context._concrete_contexts[method]  # KeyError names an unknown method
    default = getattr(context, "_default_context", None)
    if default is not None and hasattr(default, "_default_context"):
        default._default_context = chosen
    else:  # a CPython that reshaped the private default context: fall back to the public call
        import multiprocessing

        multiprocessing.set_start_method(method, force=True)


def _adopt_python3_signal_handling():
    for number in sorted(signal.valid_signals()):
        if number in (signal.SIGKILL, signal.SIGSTOP):
            continue
        try:
            if signal.getsignal(number) is None:
                _foreign_signals.append(number)
        except (OSError, ValueError):
            pass
    # CPython installs its SIGINT handler only over the default action, and .NET got there first.
    if signal.SIGINT in _foreign_signals:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    for name in _PYTHON3_DEFAULTS:
        number = getattr(signal, name, None)
        if number in _foreign_signals:
            signal.signal(number, signal.SIG_DFL)
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_forget_dotnet_in_child)


def _forget_dotnet_in_child():
    """A forked child runs Python only: no .NET signal handler may run in it (they talk to the .NET parent)."""
    keep = set()
    import faulthandler

    if faulthandler.is_enabled():
        keep = {getattr(signal, name) for name in _FAULT_SIGNALS if hasattr(signal, name)}
    for number in _foreign_signals:
        if number != signal.SIGINT and number not in keep:
            try:
                signal.signal(number, signal.SIG_DFL)
            except (OSError, ValueError):
                pass


def _set_command_line(executable, script, args):
    sys.argv = [script] + list(args)
    if hasattr(sys, "orig_argv"):
        sys.orig_argv = [executable, script] + list(args)
    # python3 puts the script's folder (symlinks resolved) first, so `import sibling_module` works.
    sys.path.insert(0, os.path.dirname(os.path.realpath(script)))


def _use_executable(executable):
    """Children must start the real interpreter, never the .NET host."""
    if sys.executable != executable:
        import multiprocessing

        multiprocessing.set_executable(executable)
        sys.executable = executable


def _run_hook(name, source):
    import types

    module = types.ModuleType(name)
    module.__file__ = "<pycompat hook %s>" % name
    module.pycompat_runner = sys.modules[__name__]
    sys.modules[name] = module
    exec(compile(source, module.__file__, "exec", dont_inherit=True), module.__dict__)


def _run_as_main(script):
    """Returns (exit code, ended by KeyboardInterrupt) as python3's own handling of the script would."""
    import builtins
    import importlib.machinery
    import types

    path = os.path.abspath(script)
    main_module = types.ModuleType("__main__")
    main_module.__file__ = path  # absolute since 3.9, as python3 sets it
    main_module.__cached__ = None
    main_module.__builtins__ = builtins
    main_module.__loader__ = importlib.machinery.SourceFileLoader("__main__", path)
    sys.modules["__main__"] = main_module
    try:
        with open(path, "rb") as source_file:
            source = source_file.read()
        code = compile(source, path, "exec", dont_inherit=True)
        del source
        exec(code, main_module.__dict__)
    except SystemExit as exit_request:
        return _system_exit_code(exit_request), False
    except BaseException as error:
        _report_uncaught(error)
        return (130, True) if isinstance(error, KeyboardInterrupt) else (1, False)
    return 0, False


def _system_exit_code(exit_request):
    code = exit_request.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF  # what exit(3) makes of it
    _flush(sys.stdout)
    stream = sys.stderr if sys.stderr is not None else sys.__stderr__
    if stream is not None:
        try:
            stream.write(str(code) + "\n")
        except Exception:
            pass
    return 1


def _report_uncaught(error):
    """Prints the traceback python3 prints: the runner's own frames removed, through sys.excepthook."""
    traceback = error.__traceback__
    while traceback is not None and traceback.tb_frame.f_code.co_filename == __file__:
        traceback = traceback.tb_next
    error.__traceback__ = traceback
    sys.last_type, sys.last_value, sys.last_traceback = type(error), error, traceback
    if sys.version_info >= (3, 12):
        sys.last_exc = error
    _flush(sys.stdout)
    try:
        sys.excepthook(type(error), error, traceback)
    except BaseException as hook_error:
        _flush(sys.stdout)
        sys.__stderr__.write("Error in sys.excepthook:\n")
        sys.__excepthook__(type(hook_error), hook_error, hook_error.__traceback__)
        sys.__stderr__.write("\nOriginal exception was:\n")
        sys.__excepthook__(type(error), error, traceback)


def _flush(stream):
    try:
        if stream is not None:
            stream.flush()
    except Exception:
        pass
