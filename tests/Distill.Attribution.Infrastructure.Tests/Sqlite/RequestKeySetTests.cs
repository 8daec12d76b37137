using System.Text;
using Distill.Attribution.Sqlite;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite;

/// <summary>The in-memory request index (D5): candidates by hash, confirmed by the caller, sharded growth.</summary>
public sealed class RequestKeySetTests
{
    [Test]
    public void ShouldReturnEveryAddedRowAsACandidateOfItsHashAfterGrowing()
    {
        // Starts at the minimum size, so every shard grows several times while the rows go in.
        var keys = new RequestKeySet();
        const int Rows = 200_000;
        for (var rowId = 1; rowId <= Rows; rowId++)
        {
            var probe = keys.Find(HashOf(rowId));
            Assert.That(Candidates(keys, ref probe), Does.Not.Contain((long)rowId));
            keys.Add(probe, rowId);
        }

        Assert.That(keys.Count, Is.EqualTo(Rows));
        for (var rowId = 1; rowId <= Rows; rowId++)
        {
            var probe = keys.Find(HashOf(rowId));
            if (!Candidates(keys, ref probe).Contains(rowId))
            {
                Assert.Fail($"row {rowId} is not a candidate of its own hash");
            }
        }

        // 8 bytes a slot at 50-75% load (plus the 1.1 slack of nothing here): at most 16 bytes a row.
        Assert.That(keys.Bytes, Is.LessThanOrEqualTo(16L * Rows));
    }

    [Test]
    public void ShouldRarelyOfferACandidateForAnIdNeverAdded()
    {
        var keys = new RequestKeySet(100_000);
        for (var rowId = 1; rowId <= 100_000; rowId++)
        {
            keys.Load(HashOf(rowId), rowId);
        }

        var falseCandidates = 0;
        for (var other = 100_001; other <= 200_000; other++)
        {
            var probe = keys.Find(HashOf(other));
            falseCandidates += Candidates(keys, ref probe).Count;
        }

        // A false candidate needs the same shard and tag: about 10^5 probes x a few slots x 10^5 ids / 2^40.
        Assert.That(falseCandidates, Is.LessThan(5));
    }

    [Test]
    public void ShouldStillRarelyOfferAFalseCandidateWhenEveryShardHoldsThousandsOfIds()
    {
        // The home slot comes from the tag, so the slots a probe compares hold tags near its own; with 8 shard and 24 tag
        // bits this store size already offered one false candidate in a few hundred probes (a random read of the requests
        // table each), and 200 M stored requests one in a few. Expected here: ~10^6 probes x ~3 slots x 4 x 10^6 ids / 2^40.
        const int Stored = 4_000_000;
        var keys = new RequestKeySet(Stored);
        for (var rowId = 1; rowId <= Stored; rowId++)
        {
            keys.Load(HashOf(rowId), rowId);
        }

        var falseCandidates = 0;
        for (var other = Stored + 1; other <= Stored + 1_000_000; other++)
        {
            var probe = keys.Find(HashOf(other));
            while (keys.NextCandidate(ref probe) != 0)
            {
                falseCandidates++;
            }
        }

        Assert.That(falseCandidates, Is.LessThan(200));
    }

    [Test]
    public void ShouldOfferEveryRowWithTheSameTagSoTheCallerCanTellThemApart()
    {
        // Two different ids whose hashes agree on shard and tag (the bits the index keeps): both are
        // candidates, and the caller's check of the stored id decides.
        var keys = new RequestKeySet();
        const ulong Hash = 0xAB12_3456_0000_0001;
        const ulong SameTagOtherLowBits = 0xAB12_3456_00FF_FFFF;
        var first = keys.Find(Hash);
        Assert.That(keys.NextCandidate(ref first), Is.Zero);
        keys.Add(first, 41);
        var second = keys.Find(SameTagOtherLowBits);
        Assert.That(keys.NextCandidate(ref second), Is.EqualTo(41));
        Assert.That(keys.NextCandidate(ref second), Is.Zero);
        keys.Add(second, 42);

        var again = keys.Find(Hash);
        Assert.That(Candidates(keys, ref again), Is.EqualTo(new long[] { 41, 42 }));
    }

    [Test]
    public void ShouldRefuseARowIdThatDoesNotFitASlot()
    {
        var keys = new RequestKeySet();
        var probe = keys.Find(HashOf(1));
        keys.NextCandidate(ref probe);

        Assert.That(() => keys.Add(probe, RequestKeySet.MaxRowId + 1), Throws.InvalidOperationException);
        Assert.That(() => keys.Add(probe, 0), Throws.InvalidOperationException);
    }

    [Test]
    public void ShouldHashEqualIdsEquallyAndSpreadSimilarOnes()
    {
        var once = RequestKeySet.Hash("req-1"u8);
        Assert.That(RequestKeySet.Hash(Encoding.UTF8.GetBytes("req-1")), Is.EqualTo(once));
        var hashes = new HashSet<ulong>();
        var topBytes = new int[256];
        for (var i = 0; i < 100_000; i++)
        {
            var hash = HashOf(i);
            hashes.Add(hash);
            topBytes[hash >> 56]++;
        }

        Assert.That(hashes, Has.Count.EqualTo(100_000));
        // The top bits pick the shard: each top byte's value gets close to its 390 ids.
        Assert.That(topBytes.Min(), Is.GreaterThan(300));
        Assert.That(topBytes.Max(), Is.LessThan(490));
        // Ids differing only in the last of 9+ bytes (the tail) still differ.
        Assert.That(RequestKeySet.Hash("rq00000000a"u8), Is.Not.EqualTo(RequestKeySet.Hash("rq00000000b"u8)));
        Assert.That(RequestKeySet.Hash("rq0000000"u8), Is.Not.EqualTo(RequestKeySet.Hash("rq0000000\0"u8)));
    }

    private static ulong HashOf(long i) => RequestKeySet.Hash(Encoding.UTF8.GetBytes($"rq{i:x16}"));

    private static List<long> Candidates(RequestKeySet keys, ref RequestKeySet.Probe probe)
    {
        var found = new List<long>();
        long candidate;
        while ((candidate = keys.NextCandidate(ref probe)) != 0)
        {
            found.Add(candidate);
        }

        return found;
    }
}
