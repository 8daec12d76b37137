using System.IO.Hashing;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// The request ids already in the store, as an in-memory index from a 64-bit hash of the id to the row
/// id of the request that holds it (decision D5). The table is split into 4,096 shards by the top 12 bits of the hash,
/// each an open-addressing table with linear probing that grows on its own, so growing never holds two copies of the
/// whole index. Each slot is one <see cref="ulong"/>: the next 28 bits of the hash as a tag, which also picks the home
/// slot (so a shard can grow without the ids), and the 36-bit row id. The index never decides alone that an id is a
/// duplicate: every slot whose tag matches is a candidate that the caller verifies by reading that row's request_id (a
/// primary-key look-up), so the answer is exact whatever the hash does, and crafted colliding ids could only slow
/// ingestion down, never drop a request.
/// <para>
/// A false candidate costs a random read of the requests table, so the bits that tell ids apart matter (decision D33).
/// Because the home slot comes from the tag, the slots a probe compares hold tags close to its own: what separates two
/// ids is the shard and tag bits beyond the slot position, 40 bits in all, so a probe meets a false candidate about
/// once in 2^40 / (stored ids) compared slots. With 8 + 24 bits that was once in 21 at 200 M stored requests, and the
/// writer spent most of a scale-10 ingest reading random pages of the requests table.
/// </para>
/// Memory: 8 bytes per slot at 50-75% load, about 11-16 bytes per stored request (20M requests: ~260 MB).
/// </summary>
internal sealed class RequestKeySet
{
    /// <summary>Row ids must fit the low 36 bits of a slot (6.8 x 10^10 rows).</summary>
    public const long MaxRowId = (1L << RowIdBits) - 1;

    private const int RowIdBits = 36;
    private const int TagBits = 64 - RowIdBits;
    private const int ShardBits = 12;
    private const int Shards = 1 << ShardBits;
    private const int MinShardCapacity = 16;
    private const double MaxLoad = 0.75;
    private const double Growth = 1.5;

    private readonly ulong[][] slots = new ulong[Shards][];
    private readonly int[] counts = new int[Shards];

    /// <summary>Creates an index sized for <paramref name="expected"/> requests, so loading never regrows it.</summary>
    public RequestKeySet(long expected = 0)
    {
        var perShard = (int)Math.Min(int.MaxValue / 2, Math.Max(MinShardCapacity, (long)Math.Ceiling(expected / (double)Shards / MaxLoad * 1.1)));
        for (var s = 0; s < Shards; s++)
        {
            slots[s] = NewShard(perShard);
        }
    }

    public long Count
    {
        get
        {
            long total = 0;
            foreach (var count in counts)
            {
                total += count;
            }

            return total;
        }
    }

    /// <summary>Bytes held by the slot arrays.</summary>
    public long Bytes
    {
        get
        {
            long total = 0;
            foreach (var shard in slots)
            {
                total += (long)shard.Length * sizeof(ulong);
            }

            return total;
        }
    }

    /// <summary>
    /// A 64-bit hash of a request id's UTF-8 bytes: XxHash3 (System.IO.Hashing), 3-11x faster per id than the
    /// multiply-rotate hash it replaced (decision D14, bench/micro). Not cryptographic and need not be: equality is
    /// always confirmed against the stored id. Never stored: the index is rebuilt from request_id on open, so the
    /// function can change without a migration.
    /// </summary>
    public static ulong Hash(ReadOnlySpan<byte> utf8) => XxHash3.HashToUInt64(utf8);

    /// <summary>
    /// Starts a look-up of <paramref name="hash"/>. Call <see cref="NextCandidate"/> until it returns 0,
    /// verifying each candidate row; then, if none was the same id, <see cref="Add"/> records the new row.
    /// </summary>
    public Probe Find(ulong hash)
    {
        var shard = ShardOf(hash);
        var table = slots[shard];
        if (counts[shard] + 1 > table.Length * MaxLoad)
        {
            table = Grow(shard);
        }

        var tag = TagOf(hash);
        return new Probe(shard, Home(tag, table.Length), tag);
    }

    /// <summary>
    /// Asks the CPU for the home slot of <paramref name="hash"/> some rows before <see cref="Find"/> reads it: at scale 10
    /// the index is gigabytes and every look-up misses the cache. A hint only (a shard that grows in between makes it a
    /// wasted fetch).
    /// </summary>
    public void Prefetch(ulong hash)
    {
        var table = slots[ShardOf(hash)];
        CacheHint.Prefetch(ref table[Home(TagOf(hash), table.Length)]);
    }

    /// <summary>The row id of the next slot with the probe's tag, or 0 once an empty slot ends the probe.</summary>
    public long NextCandidate(ref Probe probe)
    {
        var table = slots[probe.Shard];
        while (true)
        {
            var value = table[probe.Slot];
            if (value == 0)
            {
                return 0;
            }

            var slot = probe.Slot;
            probe.Slot = slot + 1 == table.Length ? 0 : slot + 1;
            if (value >> RowIdBits == probe.Tag)
            {
                return (long)(value & MaxRowId);
            }
        }
    }

    /// <summary>Records <paramref name="rowId"/> in the empty slot that ended <paramref name="probe"/>.</summary>
    public void Add(in Probe probe, long rowId)
    {
        if (rowId is <= 0 or > MaxRowId)
        {
            throw new InvalidOperationException($"Request row id {rowId} does not fit the request index.");
        }

        slots[probe.Shard][probe.Slot] = (probe.Tag << RowIdBits) | (ulong)rowId;
        counts[probe.Shard]++;
    }

    /// <summary>Adds a request loaded from the store (known unique, so no verification).</summary>
    public void Load(ulong hash, long rowId)
    {
        var probe = Find(hash);
        while (NextCandidate(ref probe) != 0)
        {
        }

        Add(probe, rowId);
    }

    private ulong[] Grow(int shard)
    {
        var old = slots[shard];
        var table = NewShard((int)Math.Min(int.MaxValue / 2, (long)(old.Length * Growth) + 1));
        foreach (var value in old)
        {
            if (value == 0)
            {
                continue;
            }

            var slot = Home(value >> RowIdBits, table.Length);
            while (table[slot] != 0)
            {
                slot = slot + 1 == table.Length ? 0 : slot + 1;
            }

            table[slot] = value;
        }

        slots[shard] = table;
        return table;
    }

    /// <summary>
    /// A shard's slots, on the pinned object heap: with 4,096 shards, a shard of a scale-1 store (tens of kilobytes) is
    /// below the large-object threshold, and as an ordinary array every regrowth would be copied through the GC's
    /// generations on its way to the oldest. Pinned arrays are never moved, like large ones.
    /// </summary>
    private static ulong[] NewShard(int length) => GC.AllocateArray<ulong>(length, pinned: true);

    /// <summary>The shard: the top bits of the hash.</summary>
    private static int ShardOf(ulong hash) => (int)(hash >> (64 - ShardBits));

    /// <summary>The tag: the hash bits just below the shard's, so that no bit counts twice.</summary>
    private static ulong TagOf(ulong hash) => (hash >> (64 - ShardBits - TagBits)) & ((1UL << TagBits) - 1);

    /// <summary>The home slot of a tag: multiply-shift (no modulo), from the tag alone so that growing can re-place a slot.</summary>
    private static int Home(ulong tag, int length) => (int)((tag * (ulong)length) >> TagBits);

    /// <summary>A look-up in progress: the shard, the next slot to read and the tag to match.</summary>
    internal struct Probe
    {
        public Probe(int shard, int slot, ulong tag)
        {
            Shard = shard;
            Slot = slot;
            Tag = tag;
        }

        public int Shard { get; }

        public int Slot { get; set; }

        public ulong Tag { get; }
    }
}
