using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Distill.Attribution.Infrastructure.Sqlite;

/// <summary>
/// The set of 128-bit request keys (first 16 bytes of SHA-256 of the request id) already in the store:
/// an open-addressing table with linear probing, both halves of a key side by side (one cache line per
/// probe), loaded from the requests table on first use. Two different ids share a key with probability
/// about n²/2^129 (10^-25 for 16M rows), so the key stands for the id. Insertions of a batch are undone
/// in reverse order on rollback, which restores the table exactly (each insertion filled one empty slot).
/// Memory: 16 bytes per slot at 50-75% load, so 16M requests take about 350-510 MB while writing.
/// </summary>
internal sealed class RequestKeySet
{
    private const double MaxLoad = 0.75;
    private const double Growth = 1.5;

    private readonly List<int> addedInBatch = [];
    private ulong[] slots = new ulong[2 * 1024];

    public int Count { get; private set; }

    private int Capacity => slots.Length / 2;

    public static (ulong Hi, ulong Lo) KeyOf(ReadOnlySpan<byte> requestIdUtf8)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(requestIdUtf8, hash);
        var hi = BinaryPrimitives.ReadUInt64LittleEndian(hash);
        var lo = BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]);
        // (0, 0) marks an empty slot; a real key there (chance 2^-128) is nudged off it.
        return hi == 0 && lo == 0 ? (0, 1) : (hi, lo);
    }

    /// <summary>Makes room for <paramref name="more"/> keys, so that a batch never rehashes midway.</summary>
    public void Reserve(int more)
    {
        var needed = (long)Count + more;
        if (needed <= Capacity * MaxLoad)
        {
            return;
        }

        var capacity = (long)Math.Max(Capacity * Growth, needed / MaxLoad * Growth);
        var old = slots;
        slots = new ulong[checked((int)(2 * capacity))];
        Count = 0;
        for (var i = 0; i < old.Length; i += 2)
        {
            if (old[i] != 0 || old[i + 1] != 0)
            {
                Insert(old[i], old[i + 1]);
            }
        }
    }

    /// <summary>Adds a key unless present; false for a key already there.</summary>
    public bool TryAdd(ulong hi, ulong lo)
    {
        if (Count + 1 > Capacity * MaxLoad)
        {
            throw new InvalidOperationException("RequestKeySet.Reserve was not called for this batch.");
        }

        var slot = Insert(hi, lo);
        if (slot < 0)
        {
            return false;
        }

        addedInBatch.Add(slot);
        return true;
    }

    /// <summary>Adds a key loaded from the store (outside any batch).</summary>
    public void Load(ulong hi, ulong lo)
    {
        Reserve(1);
        Insert(hi, lo);
    }

    public void Commit() => addedInBatch.Clear();

    public void Rollback()
    {
        for (var i = addedInBatch.Count - 1; i >= 0; i--)
        {
            slots[2 * addedInBatch[i]] = 0;
            slots[(2 * addedInBatch[i]) + 1] = 0;
            Count--;
        }

        addedInBatch.Clear();
    }

    /// <summary>Inserts and returns the slot, or -1 when the key is already present.</summary>
    private int Insert(ulong hi, ulong lo)
    {
        var capacity = Capacity;
        // The key is already a uniform hash: the high half of lo * capacity picks the slot (no modulo).
        var slot = (int)Math.BigMul(lo, (ulong)capacity, out _);
        while (true)
        {
            var h = slots[2 * slot];
            var l = slots[(2 * slot) + 1];
            if (h == 0 && l == 0)
            {
                slots[2 * slot] = hi;
                slots[(2 * slot) + 1] = lo;
                Count++;
                return slot;
            }

            if (h == hi && l == lo)
            {
                return -1;
            }

            if (++slot == capacity)
            {
                slot = 0;
            }
        }
    }
}
