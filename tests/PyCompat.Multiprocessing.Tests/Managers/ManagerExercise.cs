using PyCompat.Multiprocessing.Managers;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Tests.Managers;

/// <summary>python/manager_peer.py's <c>exercise</c> in C#: the same calls on every proxy type, one Python repr per
/// line, so its transcript can be compared with CPython's own client's.</summary>
public static class ManagerExercise
{
    public static IReadOnlyList<string> Run(SyncManager m)
    {
        var out_ = new List<PyTuple>();
        var d = m.Dict();
        d["a"] = 1;
        d[2] = new List<object?> { 1, "x" };
        out_.Add(new("dict", d.Count, d["a"], d[2], d.ContainsKey("a"), d.Keys(), d.Get("zz", "dflt"), d.ToString()));
        try
        {
            _ = d["missing"];
        }
        catch (PythonError e)
        {
            out_.Add(new("dict-missing", e.PythonClass.Name, e.Message));
        }
        var l = m.List([3, 1]);
        l.Append(2);
        l.Sort();
        out_.Add(new("list", l.Count, l[0], l[-1], l.ToString()));
        try
        {
            l.Remove(9);
        }
        catch (PythonError e)
        {
            out_.Add(new("list-remove", e.Message));
        }
        var ns = m.Namespace();
        ns["x"] = 5;
        try
        {
            _ = ns["y"];
        }
        catch (PythonError e)
        {
            out_.Add(new("ns-missing", e.Message));
        }
        out_.Add(new("ns", ns["x"], ns.ToString()));
        var q = m.Queue();
        q.Put("item");
        out_.Add(new("queue", q.QSize(), q.Get(), q.Empty()));
        try
        {
            q.GetNowait();
        }
        catch (PythonError e)
        {
            out_.Add(new("queue-empty", e.PythonClass.Name));
        }
        var lk = m.Lock();
        out_.Add(new("lock", lk.Acquire(), lk.Acquire(false), None(lk.Release)));
        var rl = m.RLock();
        out_.Add(new("rlock", rl.Acquire(), rl.Acquire(), None(rl.Release), None(rl.Release)));
        var s = m.Semaphore(2);
        out_.Add(new("semaphore", s.Acquire(), s.Acquire(), s.Acquire(false)));
        var bs = m.BoundedSemaphore(1);
        try
        {
            bs.Release();
        }
        catch (PythonError e)
        {
            out_.Add(new("bounded", e.Message));
        }
        var c = m.Condition();
        out_.Add(new("condition", c.Acquire(), c.Wait(0.05), None(() => c.Notify()), None(c.Release)));
        var ev = m.Event();
        out_.Add(new("event", ev.IsSet(), None(ev.Set), ev.IsSet(), ev.Wait(1)));
        var v = m.Value("i", 7);
        v.Value = 8;
        out_.Add(new("value", v.Value));
        var a = m.Array("i", [1, 2, 3]);
        a[1] = 5;
        out_.Add(new("array", a.Count, a[1]));
        return [.. out_.Select(line => PyRepr.Repr(line))];
    }

    private static object? None(Action action)
    {
        action();
        return null;
    }
}
