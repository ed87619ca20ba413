using PyCompat.Multiprocessing.Hosting;
using PyCompat.Multiprocessing.Pooling;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>
/// A pool worker runs a chunk of a map through a faster path than one call (a typed delegate for <c>long f(long)</c>,
/// the port bound once a chunk): what it gives, and how it fails, must be what a call of each item gives.
/// </summary>
public sealed class PortedFunctionsTests
{
    private static readonly PyGlobal Function = new("pool_reference", "ported");

    [Theory]
    [InlineData(nameof(PoolTargets.Triple))] // long f(long): the typed delegate
    [InlineData(nameof(PoolTargets.Tagged))] // string f(long): bound an item at a time
    public void A_chunk_gives_each_items_result_in_order_as_a_call_of_that_item_does(string port)
    {
        var method = typeof(PoolTargets).GetMethod(port)!;
        object?[] chunk = [1L, 2, -7L, long.MaxValue / 3, 0];

        var expected = chunk.Select(item => PortedFunctions.Call(method, Function, [item], [])).ToList();

        Assert.Equal(expected, PortedFunctions.CallEach(method, Function, chunk, star: false));
    }

    [Theory]
    [InlineData(nameof(PoolTargets.Triple))]
    [InlineData(nameof(PoolTargets.Tagged))]
    public void A_chunk_item_that_does_not_convert_fails_with_the_message_a_call_of_it_gives(string port)
    {
        var method = typeof(PoolTargets).GetMethod(port)!;

        var call = Assert.Throws<TargetArgumentException>(() => PortedFunctions.Call(method, Function, ["x"], []));
        var chunk = Assert.Throws<TargetArgumentException>(() => PortedFunctions.CallEach(method, Function, [1L, "x", 3L], star: false));

        Assert.Equal(call.Message, chunk.Message);
        Assert.Contains("cannot convert Python str 'x'", chunk.Message);
    }
}
