using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>
/// A small direct-mapped cache from UTF-8 bytes to strings. Request rows repeat a few thousand account
/// ids, models, clients, IPs and templates millions of times; sharing one string per value saves an
/// allocation per field and keeps batches small in memory. A miss just replaces the slot.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int MaxCachedBytes = 64;
    private readonly byte[]?[] _keys;
    private readonly string?[] _values;
    private readonly int _mask;

    public Utf8StringCache(int slotsPowerOfTwo = 1 << 14)
    {
        _keys = new byte[slotsPowerOfTwo][];
        _values = new string[slotsPowerOfTwo];
        _mask = slotsPowerOfTwo - 1;
    }

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxCachedBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var slot = (int)Hash(utf8) & _mask;
        var key = _keys[slot];
        if (key is not null && utf8.SequenceEqual(key))
        {
            return _values[slot]!;
        }

        var value = Encoding.UTF8.GetString(utf8);
        _keys[slot] = utf8.ToArray();
        _values[slot] = value;
        return value;
    }

    /// <summary>CRC-32C, eight bytes at a time (a hardware instruction on x64 and Arm64): cheap and well spread.</summary>
    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        var crc = (uint)bytes.Length;
        while (bytes.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            bytes = bytes[8..];
        }

        foreach (var b in bytes)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }
}
