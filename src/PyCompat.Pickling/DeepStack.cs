using System.Runtime.ExceptionServices;

namespace PyCompat.Pickling;

/// <summary>
/// Runs the recursive parts of PyCompat (Razorvine's writer, the value raiser, hashing of nested tuples) for a
/// deeply nested value on a thread whose stack is sized for that depth, so that no depth the limits admit can
/// overflow the caller's stack (a .NET stack overflow ends the process; it cannot be caught). Shallow values, the
/// common case, run on the calling thread.
/// </summary>
internal static class DeepStack
{
    /// <summary>Nesting up to this depth runs on the calling thread.</summary>
    public const int InlineDepth = 128;

    /// <summary>Stack reserved per level of nesting: several frames each of the walks above, with room to spare.</summary>
    private const long BytesPerLevel = 4096;

    /// <summary>Thrown by a recursive walk that finds the calling thread's stack nearly exhausted.</summary>
    public sealed class Exhausted : Exception;

    /// <summary>Runs <paramref name="work"/> where <paramref name="depth"/> levels of nesting fit on the stack.</summary>
    public static T Run<T>(int depth, Func<T> work)
    {
        if (depth <= InlineDepth) return work();
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var size = (int)Math.Min(1L << 30, (16L << 20) + depth * BytesPerLevel);
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, size) { Name = "PyCompat deep value", IsBackground = true };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
