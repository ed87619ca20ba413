namespace PyCompat.PythonHost.Running;

/// <summary>
/// Python source run as module <paramref name="Name"/> just before the script, e.g. to register a custom start
/// method in <c>multiprocessing.context._concrete_contexts</c> and make it the default. The module sees the runner
/// as the global <c>pycompat_runner</c> (its <c>set_default_start_method(name)</c> keeps a script's own
/// <c>set_start_method</c> working).
/// </summary>
/// <param name="Name">The module's name in <c>sys.modules</c>; children started by spawn or forkserver do not have it.</param>
/// <param name="Source">The module's Python source.</param>
public sealed record PythonHook(string Name, string Source);
