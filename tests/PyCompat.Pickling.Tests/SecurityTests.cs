using System.Buffers.Binary;
using System.Text;
using PyCompat.Pickling.Tests.Infrastructure;

namespace PyCompat.Pickling.Tests;

/// <summary>Untrusted pickles: limits, the allow list, and failures that say where (docs/security.md).</summary>
public sealed class SecurityTests
{
    private static byte[] Bytes(params object[] parts) =>
        [.. parts.SelectMany(p => p switch { string s => Encoding.Latin1.GetBytes(s), byte b => [b], byte[] a => a, int i => [(byte)i], _ => throw new ArgumentException() })];

    private static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static UnpicklingError Refused(byte[] pickle, PickleLoadOptions? options = null) =>
        Assert.Throws<UnpicklingError>(() => PyPickle.Loads(pickle, options ?? PickleLoadOptions.Default));

    [Theory]
    [InlineData((byte)'X', 4)]   // BINUNICODE
    [InlineData((byte)'B', 4)]   // BINBYTES
    [InlineData((byte)0x8d, 8)]  // BINUNICODE8
    [InlineData((byte)0x8e, 8)]  // BINBYTES8
    [InlineData((byte)0x96, 8)]  // BYTEARRAY8
    public void A_4_GB_length_prefix_on_a_100_byte_input_fails_fast_without_allocating_it(byte op, int size)
    {
        var length = new byte[size];
        if (size == 4) BinaryPrimitives.WriteUInt32LittleEndian(length, 0xffffffff);
        else BinaryPrimitives.WriteUInt64LittleEndian(length, 1UL << 32);
        var pickle = Bytes(0x80, 4, op, length, new byte[100]);
        UnpicklingError? error = null;

        var allocated = Allocated(() => error = Refused(pickle));

        Assert.Equal(2, error!.Offset);
        Assert.Contains("length", error.Message);
        Assert.True(allocated < 256 * 1024, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_4_GB_length_prefix_on_a_stream_costs_what_the_stream_holds()
    {
        var pickle = Bytes(0x80, 4, 0x8e, BitConverter.GetBytes(4L << 30), new byte[100]);
        using var stream = new MemoryStream(pickle);
        UnpicklingError? error = null;

        var allocated = Allocated(() => error = Assert.Throws<UnpicklingError>(() => PyPickle.Load(stream, PickleLoadOptions.Default with { MaxInputLength = 8L << 30 })));

        Assert.Equal(2, error!.Offset);
        Assert.Equal("BINBYTES8", error.Opcode);
        Assert.True(allocated < 4 * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Nesting_deeper_than_MaxDepth_fails_while_reading_at_the_opcode_that_nests()
    {
        const int depth = 100_000;
        var pickle = Bytes(0x80, 2, new string(']', depth), new string('a', depth - 1), ".");

        var error = Refused(pickle);

        const int max = PickleLoadOptions.DefaultMaxDepth;
        Assert.Contains($"MaxDepth ({max}", error.Message);
        Assert.Equal("APPEND", error.Opcode);
        Assert.Equal(2 + depth + max - 1, error.Offset); // the max-th APPEND makes a list max + 1 deep
    }

    [Fact]
    public void Deep_tuples_built_with_TUPLE1_fail_the_same_way()
    {
        var pickle = Bytes(0x80, 2, "K", 1, new string('\x85', 5000), ".");

        Assert.Equal("TUPLE1", Refused(pickle).Opcode);
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(2, false)]
    public void MaxDepth_counts_nested_containers(int maxDepth, bool decodes)
    {
        var pickle = PyPickle.Dumps(new List<object?> { new List<object?> { new PyTuple(1) } });
        var options = PickleLoadOptions.Default with { MaxDepth = maxDepth };

        if (decodes) Assert.Equal("[[(1,)]]", PyRepr.Repr(PyPickle.Loads(pickle, options)));
        else Refused(pickle, options);
    }

    /// <summary>A 10 MB pickle of one-byte opcodes: each makes a value that costs the decode ~50 bytes.</summary>
    private static byte[] Bomb(string head, byte[] unit, string tail, int bytes = 10_000_000) =>
        Bytes(head, Enumerable.Range(0, bytes / unit.Length).SelectMany(_ => unit).ToArray(), tail);

    [Theory]
    [InlineData("bare")]
    [InlineData("in a list")]
    public void A_DUP_bomb_is_refused_by_the_default_MaxExpansion_before_it_costs_more_than_a_bounded_factor_of_its_size(string form)
    {
        var pickle = form == "bare" ? Bomb("\x80\x02]", [(byte)'2'], ".") : Bomb("\x80\x02(]", [(byte)'2'], "l.");
        UnpicklingError? error = null;

        var allocated = Allocated(() => error = Refused(pickle, PickleLoadOptions.Default with { MaxContainerLength = int.MaxValue }));

        Assert.Contains("MaxExpansion", error!.Message);
        Assert.Equal("DUP", error.Opcode);
        Assert.True(allocated < 32L * pickle.Length, $"allocated {allocated:N0} bytes for {pickle.Length:N0}");
        // The same default lets through what CPython writes: a million Nones (one byte each), two million small ints.
        var nones = Enumerable.Repeat<object?>(null, 1_000_000).ToList();
        var ints = Enumerable.Range(0, 2_000_000).Select(i => (object?)(i % 200)).ToList();
        Assert.Equal(nones.Count, Assert.IsType<List<object?>>(PyPickle.Loads(PyPickle.Dumps(nones))).Count);
        Assert.Equal(ints.Count, Assert.IsType<List<object?>>(PyPickle.Loads(PyPickle.Dumps(ints))).Count);
    }

    [Fact]
    public void A_memo_GET_bomb_is_refused_by_a_lower_MaxExpansion_before_it_costs_more_than_a_bounded_factor_of_its_size()
    {
        // BINGET is two bytes, as CPython writes each repeated reference: the default lets it through (it makes 0.5
        // values a byte, like a list of small ints); a stricter MaxExpansion refuses it early.
        var pickle = Bomb("\x80\x02]q\x00(", [(byte)'h', 0], "l.");
        var options = PickleLoadOptions.Default with { MaxContainerLength = int.MaxValue, MaxExpansion = 0.25 };
        UnpicklingError? error = null;

        var allocated = Allocated(() => error = Refused(pickle, options));

        Assert.Contains("MaxExpansion", error!.Message);
        Assert.Equal("BINGET", error.Opcode);
        Assert.True(allocated < 8L * pickle.Length, $"allocated {allocated:N0} bytes for {pickle.Length:N0}");
    }

    [Fact]
    public void MaxContainerLength_bounds_one_list()
    {
        var pickle = PyPickle.Dumps(Enumerable.Range(0, 10).Cast<object?>().ToList());

        Assert.Contains("MaxContainerLength", Refused(pickle, PickleLoadOptions.Default with { MaxContainerLength = 5 }).Message);
        Assert.Equal(10, Assert.IsType<List<object?>>(PyPickle.Loads(pickle, PickleLoadOptions.Default with { MaxContainerLength = 10 })).Count);
    }

    [Fact]
    public void MaxInputLength_bounds_the_pickle_in_memory_and_on_a_stream()
    {
        var pickle = PyPickle.Dumps(new string('x', 1000));
        var options = PickleLoadOptions.Default with { MaxInputLength = 100 };

        Assert.Contains("MaxInputLength", Refused(pickle, options).Message);
        Assert.Throws<UnpicklingError>(() => PyPickle.Load(new MemoryStream(pickle), options));
    }

    [Fact]
    public void A_REDUCE_of_a_callable_off_the_allow_list_is_refused_at_its_offset_and_nothing_runs()
    {
        var pickle = Bytes("cposix\nsystem\n(S'echo pwned'\ntR.");

        var error = Refused(pickle);

        Assert.Contains("posix.system", error.Message);
        Assert.Contains("allow list", error.Message);
        Assert.Equal("REDUCE", error.Opcode);
        Assert.Equal(pickle.Length - 2, error.Offset);
    }

    [Fact]
    public void A_trusted_or_allow_listed_call_is_only_described()
    {
        var pickle = Bytes("cposix\nsystem\n(S'echo pwned'\ntR.");
        var expected = new PyObject(new PyGlobal("posix", "system"), new PyTuple("echo pwned"), ViaReduce: true);

        Assert.Equal(expected, PyPickle.Loads(pickle, PickleLoadOptions.Trusted));
        Assert.Equal(expected, PyPickle.Loads(pickle, PickleLoadOptions.Default.Allow(new PyGlobal("posix", "system"))));
    }

    [Fact]
    public void A_global_reference_is_data_by_default_and_can_be_refused_too()
    {
        var pickle = Bytes("cos\nsystem\n.");

        Assert.Equal(new PyGlobal("os", "system"), PyPickle.Loads(pickle));
        var strict = PickleLoadOptions.Default with { AllowGlobalReferences = false };
        Assert.Equal("GLOBAL", Refused(pickle, strict).Opcode);
        Assert.Equal(new PyGlobal("os", "system"), PyPickle.Loads(pickle, strict.Allow(new PyGlobal("os", "system"))));
    }

    [Fact]
    public void A_constructor_registered_with_Razorvine_creates_dotnet_objects_only_when_allow_listed()
    {
        // array.array('i', [1, 2]) at protocol 2: Razorvine's own ArrayConstructor would build an int[].
        var pickle = Bytes(0x80, 2, "carray\narray\nX", BitConverter.GetBytes(1), "i]q", 0, "(K", 1, "K", 2, "e", 0x86, "R.");

        var error = Refused(pickle, PickleLoadOptions.Trusted);
        Assert.Contains("Razorvine", error.Message);
        Assert.Equal("GLOBAL", error.Opcode);

        var allowed = PyPickle.Loads(pickle, PickleLoadOptions.Default.Allow(new PyGlobal("array", "array")));
        Assert.Equal(new[] { 1, 2 }, Assert.IsType<int[]>(allowed));
    }

    [Fact]
    public void A_pickle_cannot_reach_PyCompats_internal_callables()
    {
        // PyCompat pushes its own callables by persistent id, and refuses a pickle's own persistent ids.
        var error = Refused(Bytes("Pdict\n)R."));

        Assert.Equal("PERSID", error.Opcode);
        Assert.Equal(0, error.Offset);
    }

    [Theory]
    [InlineData(new byte[] { 0xff }, 0, "0xff")]
    [InlineData(new byte[] { 0x80, 2, (byte)'a', (byte)'.' }, 2, "APPEND")]
    [InlineData(new byte[] { 0x80, 2, (byte)'h', 7, (byte)'.' }, 2, "BINGET")]
    [InlineData(new byte[] { 0x80, 2, (byte)'K', 1, (byte)'e', (byte)'.' }, 4, "APPENDS")]
    [InlineData(new byte[] { 0x80, 9, (byte)'N', (byte)'.' }, 0, "PROTO")]
    [InlineData(new byte[] { 0x80, 2, (byte)'N' }, 3, "end of data")]
    [InlineData(new byte[] { 0x80, 2, (byte)'K', 1, (byte)'K', 2, (byte)'a', (byte)'.' }, 6, "APPEND")]
    [InlineData(new byte[] { 0x80, 2, (byte)'K', 1, (byte)')', (byte)'R', (byte)'.' }, 5, "REDUCE")]
    public void Every_failure_names_its_offset_and_opcode(byte[] pickle, long offset, string opcode)
    {
        var error = Refused(pickle);

        Assert.Equal(offset, error.Offset);
        Assert.Equal(opcode, error.Opcode);
        Assert.Contains($"at byte offset {offset}", error.Message);
    }

    [Fact]
    public void A_tuple_shared_into_a_tower_60_levels_high_is_hashed_in_linear_time()
    {
        // t = (); 60 times: t = (t, t); then {t}. Hashing every path would take 2**60 steps.
        var tower = string.Concat(Enumerable.Repeat("q\0h\0\x86", 60));
        var pickle = Bytes(0x80, 4, 0x8f, "(", ")", tower, 0x90, ".");

        var set = Assert.IsType<HashSet<object?>>(PyPickle.Loads(pickle));

        Assert.Single(set);
    }

    [Fact]
    public void The_default_options_still_decode_a_real_spawn_process_object()
    {
        var spawn = Python.Fixtures("spawn");
        var process = Convert.FromBase64String(spawn.GetProperty("process").GetString()!);

        var decoded = Assert.IsType<PyObject>(PyPickle.Loads(process, PickleLoadOptions.Default));

        Assert.Equal(new PyGlobal("multiprocessing.context", "SpawnProcess"), decoded.Type);
    }
}
