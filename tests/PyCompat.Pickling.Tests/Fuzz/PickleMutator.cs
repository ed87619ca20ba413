using System.Buffers.Binary;

namespace PyCompat.Pickling.Tests.Fuzz;

/// <summary>
/// Mutates valid pickles the ways corruption and attackers do: bit flips, random and opcode bytes, truncation,
/// insertion, deletion, duplication, splices from another pickle, and length prefixes inflated to gigabytes.
/// Deterministic for a seed, so a failing case is reproduced from its seed and index.
/// </summary>
public sealed class PickleMutator(IReadOnlyList<byte[]> corpus, int seed)
{
    // Every opcode byte, so that inserted and replaced bytes are often meaningful.
    private static readonly byte[] Opcodes = "()0123BCFGIJKLMNPQRSTUVXabcdeghijlopqrstu}]."u8.ToArray()
        .Concat(Enumerable.Range(0x80, 0x19).Select(i => (byte)i)).ToArray();

    private readonly Random _random = new(seed);

    /// <summary>The next case: a corpus pickle with one to three mutations stacked.</summary>
    public byte[] Next(out string description)
    {
        var source = _random.Next(corpus.Count);
        var data = corpus[source].ToList();
        var steps = new List<string>();
        var count = 1 + (_random.Next(4) == 0 ? _random.Next(1, 3) : 0);
        for (var i = 0; i < count; i++) steps.Add(Mutate(data));
        description = $"corpus[{source}]: {string.Join("; ", steps)}";
        return [.. data];
    }

    private string Mutate(List<byte> data)
    {
        if (data.Count == 0)
        {
            data.Add(Opcodes[_random.Next(Opcodes.Length)]);
            return "seed byte";
        }
        var at = _random.Next(data.Count);
        switch (_random.Next(10))
        {
            case 0:
            case 1:
                var bit = _random.Next(8);
                data[at] ^= (byte)(1 << bit);
                return $"flip bit {bit} at {at}";
            case 2:
                data[at] = _random.Next(2) == 0 ? Opcodes[_random.Next(Opcodes.Length)] : (byte)_random.Next(256);
                return $"replace byte at {at}";
            case 3:
                data.RemoveRange(at, data.Count - at);
                return $"truncate at {at}";
            case 4:
                var inserted = Enumerable.Range(0, _random.Next(1, 9))
                    .Select(_ => _random.Next(3) == 0 ? (byte)_random.Next(256) : Opcodes[_random.Next(Opcodes.Length)]).ToArray();
                data.InsertRange(at, inserted);
                return $"insert {inserted.Length} bytes at {at}";
            case 5:
                var length = Math.Min(_random.Next(1, 17), data.Count - at);
                data.RemoveRange(at, length);
                return $"delete {length} bytes at {at}";
            case 6:
                var span = Math.Min(_random.Next(1, 33), data.Count - at);
                var copy = data.GetRange(at, span);
                var times = _random.Next(1, 64);
                for (var i = 0; i < times; i++) data.InsertRange(at, copy);
                return $"repeat {span} bytes at {at} x{times}";
            case 7:
                var other = corpus[_random.Next(corpus.Count)];
                var from = _random.Next(other.Length);
                var take = Math.Min(_random.Next(1, 65), other.Length - from);
                data.InsertRange(at, other.Skip(from).Take(take));
                return $"splice {take} bytes at {at}";
            default:
                return Inflate(data);
        }
    }

    /// <summary>Sets one length prefix (of a string, bytes, long or frame) to a large or slightly wrong value.</summary>
    private string Inflate(List<byte> data)
    {
        var fields = LengthFields(data);
        if (fields.Count == 0) return "no length field";
        var (offset, size) = fields[_random.Next(fields.Count)];
        var bytes = data.GetRange(offset, size).ToArray();
        switch (size)
        {
            case 1:
                bytes[0] = (byte)(_random.Next(2) == 0 ? 0xff : bytes[0] + _random.Next(1, 8));
                break;
            case 4:
                uint[] values = [0xffffffff, 0x7fffffff, 0x80000000, 0x10000000, BinaryPrimitives.ReadUInt32LittleEndian(bytes) + (uint)_random.Next(1, 100)];
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, values[_random.Next(values.Length)]);
                break;
            default:
                ulong[] longs = [ulong.MaxValue, long.MaxValue, 1UL << 32, 1UL << 40, 1UL << 62, 0x7fffffffUL, BinaryPrimitives.ReadUInt64LittleEndian(bytes) + 1];
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, longs[_random.Next(longs.Length)]);
                break;
        }
        for (var i = 0; i < size; i++) data[offset + i] = bytes[i];
        return $"inflate the {size}-byte length at {offset}";
    }

    /// <summary>Where the length prefixes are, walking the opcodes as far as they parse.</summary>
    public static List<(int Offset, int Size)> LengthFields(IReadOnlyList<byte> data)
    {
        var fields = new List<(int, int)>();
        var pos = 0;
        while (pos < data.Count)
        {
            var op = data[pos++];
            int fixedSize = 0, counted = 0;
            var line = 0;
            switch (op)
            {
                case (byte)'K' or (byte)'h' or (byte)'q' or 0x80 or 0x82: fixedSize = 1; break;
                case (byte)'M' or 0x83: fixedSize = 2; break;
                case (byte)'J' or (byte)'j' or (byte)'r' or 0x84: fixedSize = 4; break;
                case (byte)'G': fixedSize = 8; break;
                case 0x95: if (pos + 8 <= data.Count) fields.Add((pos, 8)); fixedSize = 8; break;
                case (byte)'U' or (byte)'C' or 0x8a or 0x8c: counted = 1; break;
                case (byte)'T' or (byte)'X' or (byte)'B' or 0x8b: counted = 4; break;
                case 0x8d or 0x8e or 0x96: counted = 8; break;
                case (byte)'F' or (byte)'I' or (byte)'L' or (byte)'P' or (byte)'S' or (byte)'V' or (byte)'g' or (byte)'p': line = 1; break;
                case (byte)'c' or (byte)'i': line = 2; break;
                case (byte)'.': return fields;
            }
            if (counted > 0)
            {
                if (pos + counted > data.Count) return fields;
                fields.Add((pos, counted));
                long length = counted switch
                {
                    1 => data[pos],
                    4 => BinaryPrimitives.ReadUInt32LittleEndian(data.Skip(pos).Take(4).ToArray()),
                    _ => (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(data.Skip(pos).Take(8).ToArray()), int.MaxValue),
                };
                pos += counted;
                if (length > data.Count - pos) return fields;
                pos += (int)length;
            }
            pos += fixedSize;
            for (var l = 0; l < line; l++)
            {
                while (pos < data.Count && data[pos] != '\n') pos++;
                pos++;
            }
        }
        return fields;
    }
}
