using System.Text;
using PyCompat.Pickling.Tests.Infrastructure;

namespace PyCompat.Pickling.Tests;

/// <summary>
/// Deep values never overflow the stack (which would end the process): each entry point succeeds or throws its
/// documented exception, at every depth, and one limit (<see cref="PickleLoadOptions.DefaultMaxDepth"/>) holds both
/// ways. The cases run on a thread with a 256 KiB stack, far smaller than the caller's, so that only code that
/// sizes its own stack can pass; the pycompat CLI tests run the same depths in a child process.
/// </summary>
public sealed class DepthTests
{
    private const int SmallStack = 256 * 1024;

    private static object? Nested(int depth, object? leaf)
    {
        var value = leaf;
        for (var i = 0; i < depth; i++) value = new List<object?> { value };
        return value;
    }

    /// <summary>Runs <paramref name="work"/> on a thread with a small stack and returns what it returned or threw.</summary>
    private static (T? Result, Exception? Error) OnSmallStack<T>(Func<T> work)
    {
        T? result = default;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                error = e;
            }
        }, SmallStack);
        thread.Start();
        thread.Join();
        return (result, error);
    }

    [Fact]
    public void A_value_nested_thousands_deep_fails_to_pickle_with_a_PicklingError_naming_the_limit()
    {
        var (_, error) = OnSmallStack(() => PyPickle.Dumps(Nested(5_000, 1)));

        var refused = Assert.IsType<PicklingError>(error);
        Assert.Contains($"deeper than {PickleLoadOptions.DefaultMaxDepth} containers", refused.Message);
    }

    [Fact]
    public void The_deepest_value_the_default_options_decode_pickles_again()
    {
        var pickle = Encoding.Latin1.GetBytes("\x80\x02" + new string(']', PickleLoadOptions.DefaultMaxDepth) + "K\x01"
            + new string('a', PickleLoadOptions.DefaultMaxDepth) + ".");

        var (again, error) = OnSmallStack(() => PyPickle.Loads(PyPickle.Dumps(PyPickle.Loads(pickle))));

        Assert.Null(error);
        Assert.Equal(PyRepr.Repr(PyPickle.Loads(pickle)), PyRepr.Repr(again));
    }

    [Fact]
    public void A_value_as_deep_as_the_limit_with_the_deepest_leaf_pickles_and_CPython_loads_it()
    {
        // A datetime with its timezone writes three levels of its own below the deepest list.
        const int depth = PickleLoadOptions.DefaultMaxDepth;
        var value = Nested(depth, new DateTimeOffset(2024, 2, 29, 1, 2, 3, TimeSpan.FromHours(2)));

        var (pickle, error) = OnSmallStack(() => PyPickle.Dumps(value));
        Assert.Null(error);

        var answer = CpythonLoads.Run([new LoadCase("deep", value,
            "datetime.datetime(2024, 2, 29, 1, 2, 3, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))",
            $"[(v := v[0]) for _ in range({depth})][-1]")])["deep"];
        Assert.Null(answer.Error);
        Assert.Equal(answer.Expected, answer.Repr);
    }

    [Fact]
    public void A_pickle_10000_deep_decodes_under_a_raised_MaxDepth_and_prints()
    {
        const int depth = 10_000;
        var pickle = Encoding.Latin1.GetBytes("\x80\x02" + new string(']', depth) + new string('a', depth - 1) + ".");

        var (repr, error) = OnSmallStack(() => PyRepr.Repr(PyPickle.Loads(pickle, PickleLoadOptions.Default with { MaxDepth = 20_000 })));

        Assert.Null(error);
        Assert.Equal(new string('[', depth) + new string(']', depth), repr);
    }

    [Fact]
    public void PyRepr_prints_a_value_100000_deep()
    {
        const int depth = 100_000;

        var (repr, error) = OnSmallStack(() => PyRepr.Repr(Nested(depth, new PyTuple(1))));

        Assert.Null(error);
        Assert.Equal(new string('[', depth) + "(1,)" + new string(']', depth), repr);
    }
}
