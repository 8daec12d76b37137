using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>
/// A cache from UTF-8 bytes to strings. Request rows repeat a few thousand account ids, models, clients and IPs
/// and a few hundred thousand templates millions of times; sharing one string per value saves an allocation per
/// field, keeps batches small in memory, and lets the store's dictionaries (which keep the first string they
/// see) compare a repeated value by reference. Exact up to <c>maxEntries</c> distinct ASCII values of at most
/// 64 bytes (then it starts over, so memory stays bounded): on input in time order or shuffled, a lossy cache
/// of a few thousand slots missed on nearly every template and allocated a new string for each (issue 18).
/// Slots hold the hash and the string side by side, and a slot is compared to the bytes as ASCII, so no copy of
/// the bytes is kept. Memory: 16 bytes per slot at 25-50 % load, plus the strings.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int MaxCachedBytes = 64;
    private const int MinSlots = 1024;
    private readonly int _maxEntries;
    private Slot[] _slots = new Slot[MinSlots];
    private int _count;

    /// <param name="maxEntries">Distinct values held before the cache starts over.</param>
    public Utf8StringCache(int maxEntries = 1 << 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        _maxEntries = maxEntries;
    }

    /// <summary>Distinct values held.</summary>
    internal int Count => _count;

    public string Get(ReadOnlySpan<byte> utf8) => utf8.Length > MaxCachedBytes ? Encoding.UTF8.GetString(utf8) : Get(utf8, Hash(utf8));

    /// <summary>
    /// The hash <see cref="Get(ReadOnlySpan{byte}, uint)"/> wants for these bytes, after asking the CPU to bring their
    /// home slot into its cache: a caller that looks up several fields of a row hashes them all first, so that
    /// their cache misses (one per field on input not sorted by account) overlap instead of following each other.
    /// </summary>
    public unsafe uint Prefetch(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        if (Sse.IsSupported)
        {
            var slots = _slots;
            Sse.Prefetch0(Unsafe.AsPointer(ref slots[(int)hash & (slots.Length - 1)]));
        }

        return hash;
    }

    /// <summary>
    /// The second step after <see cref="Prefetch"/>, some work later: if the home slot of <paramref name="hash"/> holds a
    /// string of that hash (by then its line has usually arrived), asks the CPU to bring that string's characters too,
    /// which <see cref="Get(ReadOnlySpan{byte}, uint)"/> compares. A hint only.
    /// </summary>
    public unsafe void PrefetchValue(uint hash)
    {
        if (Sse.IsSupported)
        {
            var slots = _slots;
            var slot = slots[(int)hash & (slots.Length - 1)];
            if (slot.Hash == hash && slot.Value is { } value)
            {
                Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.AsRef(in value.GetPinnableReference())));
            }
        }
    }

    /// <summary>As <see cref="Get(ReadOnlySpan{byte})"/> with the bytes' hash from <see cref="Prefetch"/>.</summary>
    public string Get(ReadOnlySpan<byte> utf8, uint hash)
    {
        if (utf8.Length > MaxCachedBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var mask = _slots.Length - 1;
        var i = (int)hash & mask;
        while (true)
        {
            ref var slot = ref _slots[i];
            if (slot.Value is null)
            {
                break;
            }

            if (slot.Hash == hash && slot.Value.Length == utf8.Length && Ascii.Equals(utf8, slot.Value))
            {
                return slot.Value;
            }

            i = (i + 1) & mask;
        }

        var value = Encoding.UTF8.GetString(utf8);

        // Only ASCII is cached: the comparison above is byte to char, which is exact for ASCII alone.
        if (!Ascii.IsValid(utf8))
        {
            return value;
        }

        if (_count >= _maxEntries)
        {
            _slots = new Slot[MinSlots];
            _count = 1;
            Place(new Slot(value, hash));
            return value;
        }

        _slots[i] = new Slot(value, hash);
        if (++_count * 2 > _slots.Length)
        {
            var old = _slots;
            _slots = new Slot[old.Length * 2];
            foreach (var entry in old)
            {
                if (entry.Value is not null)
                {
                    Place(entry);
                }
            }
        }

        return value;
    }

    private void Place(Slot entry)
    {
        var mask = _slots.Length - 1;
        var i = (int)entry.Hash & mask;
        while (_slots[i].Value is not null)
        {
            i = (i + 1) & mask;
        }

        _slots[i] = entry;
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

    private readonly record struct Slot(string? Value, uint Hash);
}
