using System.Text.Json;
using PyCompat.Pickling.Tests.Infrastructure;

namespace PyCompat.Pickling.Tests;

/// <summary>
/// Pickles CPython's <c>pickle.loads</c> refuses (each made by CPython at test time, and each checked to be refused
/// by CPython itself) are refused by PyCompat too: an UnpicklingError with an offset, an opcode, and Python's words.
/// </summary>
public sealed class CpythonRefusalTests
{
    /// <summary>id -> (Python expression giving the pickle, words PyCompat's message must hold).</summary>
    private static readonly Dictionary<string, (string Code, string Words)> Cases = new()
    {
        ["list-as-dict-key"] = (@"b'\x80\x02}]K\x01s.'", "unhashable type: 'list'"),
        ["list-as-dict-key-in-setitems"] = (@"b'\x80\x02}(]K\x01u.'", "unhashable type: 'list'"),
        ["tuple-holding-a-list-as-dict-key"] = (@"b'\x80\x02}]\x85K\x01s.'", "unhashable type: 'list'"),
        ["list-in-a-set-protocol-4"] = (@"b'\x80\x04\x8f(]\x90.'", "unhashable type: 'list'"),
        ["list-in-a-set-protocol-2"] = (@"b'\x80\x02c__builtin__\nset\n]]a\x85R.'", "unhashable type: 'list'"),
        ["dict-in-a-frozenset"] = (@"b'\x80\x04(}\x91.'", "unhashable type: 'dict'"),
        ["bytearray-in-a-set"] = (@"b'\x80\x05\x8f(\x96' + bytes(8) + b'\x90.'", "unhashable type: 'bytearray'"),
        ["decimal-garbage"] = (@"pickle.dumps(Decimal('1.5'), 2).replace(b'1.5', b'abc')", "decimal.InvalidOperation"),
        ["date-state-month-13"] = (@"pickle.dumps(datetime.date(2024, 1, 2), 3).replace(b'\x07\xe8\x01\x02', b'\x07\xe8\x0d\x02')", "not a valid date"),
        ["datetime-state-month-0"] = (@"pickle.dumps(datetime.datetime(2024, 1, 2), 3).replace(b'\x07\xe8\x01\x02', b'\x07\xe8\x00\x02')", "not a valid datetime"),
        ["time-state-hour-30"] = (@"pickle.dumps(datetime.time(1, 2, 3), 3).replace(b'\x01\x02\x03', b'\x1e\x02\x03')", "not a valid time"),
        ["date-month-13-as-ints"] = (@"b'\x80\x02cdatetime\ndate\nM\xe8\x07K\x0dK\x02\x87R.'", "month must be in 1..12"),
        ["time-minute-60-as-ints"] = (@"b'\x80\x02cdatetime\ntime\nK\x01K<K\x00\x87R.'", "minute must be in 0..59"),
        ["timedelta-beyond-999999999-days"] = (@"b'\x80\x02cdatetime\ntimedelta\nJ' + struct.pack('<i', 10**9) + b'K\x00K\x00\x87R.'", "must have magnitude <= 999999999"),
        ["frame-longer-than-the-data"] = (@"pickle.dumps(list(range(20)), 4)[:-8]", "pickle data was truncated"),
        ["setitems-on-a-list"] = (@"b'\x80\x02](K\x01K\x02u.'", "SETITEMS on a list"),
        ["build-on-a-list"] = (@"b'\x80\x02](X\x01\x00\x00\x00aK\x01db.'", "BUILD sets the state of a list"),
    };

    private static readonly Lazy<Dictionary<string, JsonElement>> Answers = new(() =>
        Python.Fixtures("refused", Cases.Select(c => new { id = c.Key, code = c.Value.Code }).ToList())
            .EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!, a => a));

    public static TheoryData<string> Ids() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Ids))]
    public void A_pickle_CPython_refuses_is_refused_with_an_offset_an_opcode_and_pythons_words(string id)
    {
        var answer = Answers.Value[id];
        var pickle = Convert.FromBase64String(answer.GetProperty("pickle").GetString()!);
        Assert.True(answer.GetProperty("error").ValueKind == JsonValueKind.String, $"CPython loaded {id}: the case proves nothing");

        var error = Assert.Throws<UnpicklingError>(() => PyPickle.Loads(pickle, PickleLoadOptions.Trusted));

        Assert.InRange(error.Offset, 0, pickle.Length - 1);
        Assert.NotNull(error.Opcode);
        Assert.Contains(Cases[id].Words, error.Message);
        Assert.DoesNotContain("System.", error.Message);
    }

    [Fact]
    public void Memo_indices_are_unsigned_so_LONG_BINPUT_0xFFFFFFFF_is_a_large_index_as_in_pythons_own_unpickler()
    {
        // CPython's C unpickler runs out of memory sizing its memo array for this index; pickle._loads (a dict) reads it.
        var answer = Python.Fixtures("refused", new[]
        {
            new { id = "memo", code = @"b'\x80\x02K\x01r\xff\xff\xff\xff0j\xff\xff\xff\xffj\xff\xff\xff\xff\x86.'" },
        }).EnumerateArray().Single();
        var pickle = Convert.FromBase64String(answer.GetProperty("pickle").GetString()!);

        Assert.Equal(answer.GetProperty("pure").GetString(), PyRepr.Repr(PyPickle.Loads(pickle)));
    }
}
