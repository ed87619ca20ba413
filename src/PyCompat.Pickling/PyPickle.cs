using System.Buffers;
using PyCompat.Pickling.Reading;
using PyCompat.Pickling.Writing;
using Razorvine.Pickle;
using PickleOps = PyCompat.Pickling.Reading.PickleOps;

namespace PyCompat.Pickling;

/// <summary>
/// Python's <c>pickle.dumps</c> / <c>pickle.loads</c> for .NET, on Razorvine.Pickle, speaking PyCompat's value table
/// (the full table, with the reasons, is in VALUES.md):
/// <list type="table">
/// <listheader><term>Python</term><description>.NET (decoded as / also accepted when encoding)</description></listheader>
/// <item><term>None, bool, str</term><description>null, bool, string (char)</description></item>
/// <item><term>int</term><description>int when it fits, else long, else BigInteger (byte, short, uint, ulong, Int128, ...)</description></item>
/// <item><term>float</term><description>double, bit-exact: inf, nan, -0.0 (float, Half)</description></item>
/// <item><term>complex</term><description>System.Numerics.Complex</description></item>
/// <item><term>bytes / bytearray</term><description>byte[] / <see cref="PyByteArray"/></description></item>
/// <item><term>tuple</term><description><see cref="PyTuple"/> (any array but byte[], ValueTuple, Tuple&lt;&gt;)</description></item>
/// <item><term>list</term><description>List&lt;object?&gt; (any IList)</description></item>
/// <item><term>dict</term><description><see cref="PyDict"/> (any IDictionary)</description></item>
/// <item><term>set / frozenset</term><description>HashSet&lt;object?&gt; with <see cref="PyEqualityComparer"/> (any ISet) / <see cref="PyFrozenSet"/></description></item>
/// <item><term>decimal.Decimal</term><description>decimal when exact, else <see cref="PyDecimal"/></description></item>
/// <item><term>datetime.date / time / timedelta</term><description>DateOnly / TimeOnly (naive) / TimeSpan, microseconds kept</description></item>
/// <item><term>datetime.datetime</term><description>DateTime (naive; Kind ignored when encoding) or DateTimeOffset (timezone.utc or timezone(timedelta))</description></item>
/// <item><term>a module-level function or class</term><description><see cref="PyGlobal"/></description></item>
/// <item><term>any other instance</term><description><see cref="PyObject"/> (class, args, state)</description></item>
/// </list>
/// Thread-safe: every call uses its own Razorvine Pickler/Unpickler. PyCompat registers no constructor in Razorvine's
/// static registry, so other code in the process that uses Razorvine directly is not affected.
/// </summary>
public static class PyPickle
{
    /// <summary>The protocol <see cref="Dumps(object?, int)"/> writes unless told otherwise.</summary>
    public const int DefaultProtocol = 2;

    /// <summary>Pickles <paramref name="value"/> so that CPython's <c>pickle.loads</c> returns the equal Python value.</summary>
    /// <param name="value">A value of the value table (see the type's remarks).</param>
    /// <param name="protocol">2 to 5: the PROTO the pickle announces, and the opcodes used for bytes and bytearray.</param>
    /// <exception cref="PicklingError">the value (or something inside it) has no Python equivalent.</exception>
    public static byte[] Dumps(object? value, int protocol = DefaultProtocol) => Dumps(value, null, protocol);

    /// <summary>Pickles <paramref name="value"/>, asking <paramref name="reducer"/> about every value outside the
    /// value table (Python's <c>reducer_override</c>).</summary>
    /// <inheritdoc cref="Dumps(object?, int)" />
    /// <param name="value">A value of the value table, or one that <paramref name="reducer"/> knows.</param>
    /// <param name="reducer">Says what stands for a live object in the pickle; null for the value table only.</param>
    /// <param name="protocol">2 to 5.</param>
    public static byte[] Dumps(object? value, IPyReducer? reducer, int protocol = DefaultProtocol)
    {
        if (protocol is < 2 or > 5)
            throw new PicklingError($"pickle protocol {protocol} is not written by PyCompat: Razorvine writes the binary "
                + "protocols only; use 2 (the default), 3, 4 or 5");
        byte[] bytes;
        try
        {
            bytes = Encode(value, reducer, protocol);
        }
        catch (DeepStack.Exhausted)
        {
            // The caller's thread has a small stack: lower the value again where the deepest value allowed fits.
            bytes = DeepStack.Run(PickleLoadOptions.DefaultMaxDepth, () =>
            {
                try
                {
                    return Encode(value, reducer, protocol);
                }
                catch (DeepStack.Exhausted e)
                {
                    throw new PicklingError("cannot pickle the value: it nests too deeply for the stack of a thread", e);
                }
            });
        }
        bytes[1] = (byte)protocol; // Razorvine always announces PROTO 2; the nodes wrote for `protocol`.
        return bytes;
    }

    /// <summary>
    /// Lowers and writes the value: as deep as <see cref="PickleLoadOptions.DefaultMaxDepth"/>, the limit decoding
    /// applies by default, so what PyCompat decodes with the default options it can pickle again. Razorvine's writer
    /// recurses once per level and stops past 1,000 levels; the default depth leaves room for the levels a leaf value
    /// (a datetime with its timezone) writes below the deepest container.
    /// </summary>
    private static byte[] Encode(object? value, IPyReducer? reducer, int protocol)
    {
        if (LargeBytes.TryPickle(value, protocol) is { } direct) return direct;
        if (SmallValue.TryPickle(value, protocol) is { } small) return small;
        var (lowered, shared, depth, sizeHint) = Lowering.Run(value, PickleLoadOptions.DefaultMaxDepth, reducer);
        return DeepStack.Run(depth, () =>
        {
            // Written into a pooled buffer of about the pickle's size, then copied once into an array of its exact
            // length: Razorvine's dumps(object) grows its buffer from 64 bytes by doubling and shrinks it at the end,
            // which for a pickle of megabytes is two to three times its size in discarded large-object arrays.
            var scratch = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, sizeHint));
            try
            {
                var output = scratch;
                // Razorvine's memo hashes every object it writes; it is needed only when something is reached twice.
                new PyPickler(protocol, useMemo: shared).dumps(lowered!, ref output, out var written);
                var bytes = GC.AllocateUninitializedArray<byte>(written);
                output.AsSpan(0, written).CopyTo(bytes);
                return bytes;
            }
            catch (PickleError)
            {
                throw;
            }
            catch (StackOverflowException e)
            {
                throw new PicklingError("cannot pickle the value: it nests deeper than Razorvine's limit of "
                    + $"{Pickler.MAX_RECURSE_DEPTH} levels", e);
            }
            catch (Exception e) when (e is PickleException or InvalidCastException or ArgumentException or NotSupportedException)
            {
                throw new PicklingError($"cannot pickle the value: {e.Message}", e);
            }
            finally
            {
                // Razorvine copies out of the buffer it was given when it grows, so this one is free to reuse.
                ArrayPool<byte>.Shared.Return(scratch);
            }
        });
    }

    /// <summary>Decodes one pickle written by CPython (protocols 0-5) into the .NET value table, with the default
    /// <see cref="PickleLoadOptions"/>.</summary>
    /// <remarks>Like Python's <c>pickle.loads</c>, bytes after the STOP opcode are ignored.</remarks>
    /// <exception cref="UnpicklingError">the bytes are not a pickle PyCompat can decode, or the options refuse it;
    /// <see cref="UnpicklingError.Offset"/> and <see cref="UnpicklingError.Opcode"/> say where.</exception>
    public static object? Loads(ReadOnlySpan<byte> data) => Loads(data, PickleLoadOptions.Default);

    /// <summary>Decodes one pickle within the limits and allow list of <paramref name="options"/>.</summary>
    /// <inheritdoc cref="Loads(ReadOnlySpan{byte})" />
    public static object? Loads(ReadOnlySpan<byte> data, PickleLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Decode(data, options);
    }

    /// <summary>
    /// Reads exactly one pickle from <paramref name="stream"/>: it stops at the STOP opcode, never reads past it,
    /// and leaves the stream open, so two pickles written back to back can be read with two calls.
    /// </summary>
    /// <exception cref="UnpicklingError">the stream does not hold a pickle PyCompat can decode, or ends inside it.</exception>
    public static object? Load(Stream stream) => Load(stream, PickleLoadOptions.Default);

    /// <summary>Reads exactly one pickle from <paramref name="stream"/> within the limits and allow list of <paramref name="options"/>.</summary>
    /// <inheritdoc cref="Load(Stream)" />
    public static object? Load(Stream stream, PickleLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var buffer = StreamFramer.ReadOne(stream, options, out var length);
        return Decode(buffer.AsSpan(0, length), options);
    }

    private static object? Decode(ReadOnlySpan<byte> data, PickleLoadOptions options)
    {
        if (ScalarPickle.TryRead(data, options.MaxInputLength, out var scalar)) return scalar;
        var scan = PickleScanner.Scan(data, options);
        try
        {
            return scan.MaxHeight <= DeepStack.InlineDepth ? Build(data, scan, options) : BuildDeep(data, scan, options);
        }
        finally
        {
            scan.Release();
        }
    }

    /// <summary>A deep pickle (the scanner has checked it against MaxDepth), built where that depth fits on the
    /// stack. A method of its own so that the common path does not allocate the lambda's closure.</summary>
    private static object? BuildDeep(ReadOnlySpan<byte> data, ScanResult scan, PickleLoadOptions options)
    {
        var copy = data[..(scan.StopOffset + 1)].ToArray();
        return DeepStack.Run(scan.MaxHeight, () => Build(copy, scan, options));
    }

    private static object? Build(ReadOnlySpan<byte> data, ScanResult scan, PickleLoadOptions options)
    {
        var context = new DecodeContext(options);
        object raw;
        using (context.Enter())
        {
            var buffer = PickleTranscoder.Transcode(data, scan, context, out _);
            var unpickler = PyUnpickler.Rent(data.Length);
            try
            {
                raw = unpickler.loads(buffer);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw Locate(data, scan, options, e);
            }
            finally
            {
                PyUnpickler.Return(unpickler, data.Length);
                PickleTranscoder.Return(buffer);
            }
            return new ValueRaiser(scan.Shared, options.MaxDepth, scan.StopOffset).Raise(raw);
        }
    }

    /// <summary>
    /// Razorvine does not say where it failed: decode once more from a stream that does, map that position in the
    /// rewritten pickle back to the original opcode, and report the failure there. Failures are the slow path.
    /// </summary>
    private static UnpicklingError Locate(ReadOnlySpan<byte> data, ScanResult scan, PickleLoadOptions options, Exception failure)
    {
        var cause = failure;
        while (cause is PickleException { InnerException: { } inner1 } || cause is System.Reflection.TargetInvocationException { InnerException: { } inner2 })
            cause = cause.InnerException!;
        var map = new SegmentMap();
        var context = new DecodeContext(options);
        var position = -1;
        using (context.Enter())
        {
            var buffer = PickleTranscoder.Transcode(data, scan, context, out var length, map);
            using var replay = new MemoryStream(buffer, 0, length, writable: false);
            try
            {
                new PyUnpickler().load(replay);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                position = (int)replay.Position - 1;
            }
            finally
            {
                PickleTranscoder.Return(buffer);
            }
        }
        var offset = position >= 0 ? map.OriginalOffset(data, position) : -1;
        if (offset < 0) offset = scan.StopOffset;
        var opcode = PickleOps.Name(data[offset]);
        // Razorvine's own failures carry .NET wording (casts, indices): say in the pickle's terms what was refused.
        var reason = cause is UnpicklingError known
            ? known.Reason
            : $"the pickle is malformed: {opcode} cannot be applied to the values on the stack there ({cause switch
            {
                InvalidCastException => "it finds a value of another type than the opcode works on",
                IndexOutOfRangeException or ArgumentOutOfRangeException => "a value it needs is missing or out of range",
                OverflowException => "a number is out of range",
                _ => "it cannot be decoded",
            }})";
        return new UnpicklingError(reason, offset, opcode, cause);
    }
}
