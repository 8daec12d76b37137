namespace Distill.Attribution.Sqlite;

/// <summary>
/// Counts per 64-bit key (a packed (account, value) pair of <see cref="PendingAggregates"/>): one open-addressing
/// table with linear probing whose slots hold the key and its count side by side, so an increment reads one cache
/// line where a <see cref="Dictionary{TKey, TValue}"/> reads its bucket array and then its entry array. Key 0 marks
/// an empty slot and is counted apart. Memory: 16 bytes per slot at 25-50 % load; like the dictionary it replaced,
/// it keeps its size when cleared.
/// </summary>
internal sealed class PairCounts
{
    private const int MinSlots = 1024;

    /// <summary>Slot i is <c>slots[2i]</c> (key, 0 = empty) and <c>slots[2i + 1]</c> (count).</summary>
    private long[] slots = new long[2 * MinSlots];
    private int used;
    private long zeroCount;

    /// <summary>64 - log2(slot count): the home slot is the top bits of the hash.</summary>
    private int shift = 64 - 10;

    /// <summary>Distinct keys held.</summary>
    public int Count => used + (zeroCount > 0 ? 1 : 0);

    public void Increment(long key)
    {
        if (key == 0)
        {
            zeroCount++;
            return;
        }

        // At most half full: short probes.
        if ((used + 1) * 4 > slots.Length)
        {
            Grow();
        }

        var mask = (slots.Length / 2) - 1;
        var slot = Home(key, shift);
        while (true)
        {
            var k = slots[2 * slot];
            if (k == key)
            {
                slots[(2 * slot) + 1]++;
                return;
            }

            if (k == 0)
            {
                slots[2 * slot] = key;
                slots[(2 * slot) + 1] = 1;
                used++;
                return;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Asks the CPU to bring the home slot of <paramref name="key"/> into its cache, before an <see cref="Increment"/> (a hint only).</summary>
    public void Prefetch(long key)
    {
        var table = slots;
        CacheHint.Prefetch(ref table[2 * Home(key, shift)]);
    }

    /// <summary>Copies the keys and counts (in no particular order) to the start of the arrays; returns how many.</summary>
    public int CopyTo(long[] keyOut, long[] countOut)
    {
        var n = 0;
        if (zeroCount > 0)
        {
            keyOut[n] = 0;
            countOut[n++] = zeroCount;
        }

        for (var i = 0; i < slots.Length; i += 2)
        {
            if (slots[i] != 0)
            {
                keyOut[n] = slots[i];
                countOut[n++] = slots[i + 1];
            }
        }

        return n;
    }

    public void Clear()
    {
        Array.Clear(slots);
        used = 0;
        zeroCount = 0;
    }

    /// <summary>Doubles the table.</summary>
    private void Grow()
    {
        var old = slots;
        slots = new long[old.Length * 2];
        shift--;
        var mask = (slots.Length / 2) - 1;
        for (var i = 0; i < old.Length; i += 2)
        {
            var key = old[i];
            if (key == 0)
            {
                continue;
            }

            var slot = Home(key, shift);
            while (slots[2 * slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[2 * slot] = key;
            slots[(2 * slot) + 1] = old[i + 1];
        }
    }

    /// <summary>Fibonacci hashing (the top bits of key × 2^64/φ): the pair's account and value halves both reach them.</summary>
    private static int Home(long key, int shift) => (int)(((ulong)key * 0x9E37_79B9_7F4A_7C15UL) >> shift);
}
