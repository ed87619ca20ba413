using System.Text;
using PyCompat.PythonHost.Running;

namespace PyCompat.PythonHost.Tests;

/// <summary>The length-prefixed fields the runner hands Python and the probe cache stores.</summary>
public sealed class FieldListTests
{
    [Fact]
    public void Any_list_of_strings_reads_back_as_it_was_written()
    {
        string[] fields = ["", "plain", "3:abc", ":", "with\0nul", "two\nlines", "grüße 😀", new string('x', 70_000)];
        Assert.Equal(fields, FieldList.Read(FieldList.Write(fields)));
    }

    [Fact]
    public void No_fields_are_no_bytes()
    {
        Assert.Empty(FieldList.Write([]));
        Assert.Empty(FieldList.Read([]));
    }

    [Theory]
    [InlineData("5:abc")]
    [InlineData("abc")]
    [InlineData(":abc")]
    [InlineData("-1:")]
    [InlineData("3:abc2")]
    public void Bytes_that_are_not_such_a_list_are_a_FormatException(string damaged)
    {
        Assert.Throws<FormatException>(() => FieldList.Read(Encoding.ASCII.GetBytes(damaged)));
    }

    [Fact]
    public void A_field_that_is_not_UTF8_is_a_FormatException()
    {
        Assert.Throws<FormatException>(() => FieldList.Read([(byte)'1', (byte)':', 0xFF]));
    }

    [Fact]
    public void A_lone_surrogate_is_refused_rather_than_replaced()
    {
        Assert.Throws<EncoderFallbackException>(() => FieldList.Write(["a\uD800b"]));
    }
}

/// <summary>The hex the runner's fields travel in, inside a Python string literal.</summary>
public sealed class RunnerHexTests
{
    [Fact]
    public void The_hex_is_what_Convert_ToHexString_writes_for_every_byte_value()
    {
        var bytes = Enumerable.Range(0, 256).Select(b => (byte)b).Concat(Encoding.UTF8.GetBytes("grüße 😀")).ToArray();
        Assert.Equal(Convert.ToHexString(bytes), ScriptRunner.Hex(bytes));
        Assert.Equal("", ScriptRunner.Hex([]));
    }
}
