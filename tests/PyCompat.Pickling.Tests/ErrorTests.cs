using PyCompat.Pickling.Tests.Infrastructure;

namespace PyCompat.Pickling.Tests;

public sealed class ErrorTests
{
    private sealed class NotAPythonValue;

    [Fact]
    public void Pickling_a_type_outside_the_value_table_names_the_dotnet_type_and_the_fix()
    {
        var error = Assert.Throws<PicklingError>(() => PyPickle.Dumps(new List<object?> { new NotAPythonValue() }));

        Assert.Contains(typeof(NotAPythonValue).FullName!, error.Message);
        Assert.Contains("PyObject", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    public void Text_protocols_and_unknown_protocols_are_refused_with_the_ones_that_work(int protocol)
    {
        var error = Assert.Throws<PicklingError>(() => PyPickle.Dumps(1, protocol));

        Assert.Contains("use 2", error.Message);
    }

    [Fact]
    public void A_tuple_that_contains_itself_through_a_list_is_refused_when_pickling()
    {
        var list = new List<object?>();
        var tuple = new PyTuple(list);
        list.Add(tuple);

        Assert.Throws<PicklingError>(() => PyPickle.Dumps(tuple));
    }

    [Fact]
    public void A_truncated_pickle_is_an_unpickling_error_that_says_so()
    {
        var pickle = PyPickle.Dumps(new PyTuple(1, "abc"));

        var error = Assert.Throws<UnpicklingError>(() => PyPickle.Loads(pickle.AsSpan(0, pickle.Length - 3)));

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Load_on_a_stream_that_ends_inside_a_pickle_fails_instead_of_waiting()
    {
        var pickle = PyPickle.Dumps("abcdef");
        using var stream = new MemoryStream(pickle, 0, pickle.Length - 2);

        Assert.Throws<UnpicklingError>(() => PyPickle.Load(stream));
    }

    [Fact]
    public void Bytes_that_are_not_a_pickle_are_an_unpickling_error_naming_the_opcode()
    {
        var error = Assert.Throws<UnpicklingError>(() => PyPickle.Loads(new byte[] { 0xff }));

        Assert.Contains("0xff", error.Message);
    }

    [Fact]
    public void Load_leaves_the_stream_open_and_positioned_after_the_pickle()
    {
        using var stream = new NoReadAheadStream([.. PyPickle.Dumps(1), .. PyPickle.Dumps("two", 4)]);

        Assert.Equal(1, PyPickle.Load(stream));
        Assert.Equal("two", PyPickle.Load(stream));
        Assert.False(stream.Disposed);
    }
}
