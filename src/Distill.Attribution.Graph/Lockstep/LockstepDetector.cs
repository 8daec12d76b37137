namespace Distill.Attribution.Graph.Lockstep;

/// <summary>
/// Finds account pairs that act in the same time buckets far more often than chance (the SynchroTrap /
/// CopyCatch idea) without comparing all pairs: each account's set of active buckets gets a MinHash
/// signature, locality-sensitive hashing over bands proposes candidate pairs, and every candidate is then
/// verified exactly. Work and memory are linear in the number of (account, bucket) pairs.
/// </summary>
public static class LockstepDetector
{
    /// <summary>Active buckets of every account in CSR form (offsets length n + 1), ascending per account.</summary>
    public static (int[] Offsets, int[] Buckets, long OriginMs) BucketSets(ReadOnlySpan<int> offsets, ReadOnlySpan<long> tsMs, long bucketMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketMs, 1);
        var n = offsets.Length - 1;
        var bucketOffsets = new int[Math.Max(1, n + 1)];
        if (tsMs.IsEmpty || n <= 0)
        {
            return (bucketOffsets, [], 0);
        }

        var minTs = long.MaxValue;
        foreach (var t in tsMs)
        {
            minTs = Math.Min(minTs, t);
        }

        var origin = Math.DivRem(minTs, bucketMs).Quotient * bucketMs;
        if (minTs < 0 && origin > minTs)
        {
            origin -= bucketMs;
        }

        // The requests of an account are sorted by time, so its buckets come out ascending; a segment
        // that is not sorted (a careless caller) is sorted here rather than miscounted.
        var buckets = new int[tsMs.Length];
        var write = 0;
        for (var a = 0; a < n; a++)
        {
            bucketOffsets[a] = write;
            var start = write;
            var sorted = true;
            for (var r = offsets[a]; r < offsets[a + 1]; r++)
            {
                var b = (int)((tsMs[r] - origin) / bucketMs);
                if (write > start && buckets[write - 1] == b)
                {
                    continue;
                }

                if (write > start && buckets[write - 1] > b)
                {
                    sorted = false;
                }

                buckets[write++] = b;
            }

            if (!sorted)
            {
                Array.Sort(buckets, start, write - start);
                var unique = start;
                for (var k = start; k < write; k++)
                {
                    if (k == start || buckets[k] != buckets[unique - 1])
                    {
                        buckets[unique++] = buckets[k];
                    }
                }

                write = unique;
            }
        }

        bucketOffsets[n] = write;
        Array.Resize(ref buckets, write);
        return (bucketOffsets, buckets, origin);
    }

    /// <summary>
    /// Lockstep pairs among accounts 0..n-1 whose request times are <paramref name="tsMs"/>[offsets[a]..offsets[a+1]]
    /// (ascending per account).
    /// </summary>
    public static LockstepPairs Detect(int[] offsets, long[] tsMs, LockstepOptions options)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(tsMs);
        ArgumentNullException.ThrowIfNull(options);
        var (bucketOffsets, buckets, origin) = BucketSets(offsets, tsMs, options.BucketMs);
        var n = offsets.Length - 1;
        var totalBuckets = 1;
        foreach (var b in buckets)
        {
            totalBuckets = Math.Max(totalBuckets, b + 1);
        }

        var eligible = new List<int>();
        for (var a = 0; a < n; a++)
        {
            if (bucketOffsets[a + 1] - bucketOffsets[a] >= options.MinActiveBuckets)
            {
                eligible.Add(a);
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        var k = options.Bands * options.RowsPerBand;
        var multipliers = new ulong[k];
        var seed = options.Seed;
        for (var i = 0; i < k; i++)
        {
            multipliers[i] = SplitMix(ref seed) | 1UL;
        }

        var signatures = new uint[eligible.Count * k];
        Parallel.For(0, eligible.Count, parallel, i =>
        {
            var a = eligible[i];
            var sig = signatures.AsSpan(i * k, k);
            sig.Fill(uint.MaxValue);
            for (var p = bucketOffsets[a]; p < bucketOffsets[a + 1]; p++)
            {
                var x = Mix((ulong)buckets[p] ^ options.Seed);
                for (var h = 0; h < sig.Length; h++)
                {
                    var v = (uint)((x * multipliers[h]) >> 32);
                    if (v < sig[h])
                    {
                        sig[h] = v;
                    }
                }
            }
        });

        var candidates = CandidatePairs(eligible, signatures, options);
        var shared = new int[candidates.Length];
        var jaccard = new double[candidates.Length];
        var phases = new int[candidates.Length];
        var slotCount = (int)Math.Max(1, (options.PeriodMs + options.PhaseSlotMs - 1) / options.PhaseSlotMs);
        Parallel.For(0, candidates.Length, parallel, c =>
        {
            var a = (int)(candidates[c] >> 32);
            var b = (int)(candidates[c] & 0xFFFFFFFF);
            Span<bool> seen = slotCount <= 2048 ? stackalloc bool[slotCount] : new bool[slotCount];
            int i = bucketOffsets[a], iEnd = bucketOffsets[a + 1], j = bucketOffsets[b], jEnd = bucketOffsets[b + 1];
            int common = 0, slots = 0;
            while (i < iEnd && j < jEnd)
            {
                if (buckets[i] < buckets[j])
                {
                    i++;
                }
                else if (buckets[i] > buckets[j])
                {
                    j++;
                }
                else
                {
                    common++;
                    var start = origin + (buckets[i] * options.BucketMs);
                    var slot = (int)(((start % options.PeriodMs) + options.PeriodMs) % options.PeriodMs / options.PhaseSlotMs);
                    if (!seen[slot])
                    {
                        seen[slot] = true;
                        slots++;
                    }

                    i++;
                    j++;
                }
            }

            int sizeA = iEnd - bucketOffsets[a], sizeB = jEnd - bucketOffsets[b];
            shared[c] = common;
            jaccard[c] = common == 0 ? 0 : (double)common / (sizeA + sizeB - common);
            phases[c] = slots;
        });

        var keep = new List<int>();
        for (var c = 0; c < candidates.Length; c++)
        {
            var a = (int)(candidates[c] >> 32);
            var b = (int)(candidates[c] & 0xFFFFFFFF);
            var pa = (double)(bucketOffsets[a + 1] - bucketOffsets[a]) / totalBuckets;
            var pb = (double)(bucketOffsets[b + 1] - bucketOffsets[b]) / totalBuckets;
            var expected = pa * pb / (pa + pb - (pa * pb));
            if (shared[c] >= options.MinSharedBuckets && jaccard[c] >= options.MinJaccard
                && jaccard[c] >= options.MinLift * expected && phases[c] >= options.MinPhaseSlots)
            {
                keep.Add(c);
            }
        }

        var outA = new int[keep.Count];
        var outB = new int[keep.Count];
        var outShared = new int[keep.Count];
        var outJaccard = new double[keep.Count];
        var outPhases = new int[keep.Count];
        for (var i = 0; i < keep.Count; i++)
        {
            var c = keep[i];
            outA[i] = (int)(candidates[c] >> 32);
            outB[i] = (int)(candidates[c] & 0xFFFFFFFF);
            outShared[i] = shared[c];
            outJaccard[i] = jaccard[c];
            outPhases[i] = phases[c];
        }

        return new LockstepPairs(outA, outB, outShared, outJaccard, outPhases, candidates.Length);
    }

    private static long[] CandidatePairs(List<int> eligible, uint[] signatures, LockstepOptions options)
    {
        var k = options.Bands * options.RowsPerBand;
        var m = eligible.Count;
        var keys = new ulong[m];
        var order = new int[m];
        var pairs = new List<long>();
        for (var band = 0; band < options.Bands; band++)
        {
            for (var i = 0; i < m; i++)
            {
                var h = 0xCBF29CE484222325UL + (ulong)band;
                var row = signatures.AsSpan((i * k) + (band * options.RowsPerBand), options.RowsPerBand);
                foreach (var v in row)
                {
                    h = Mix(h ^ v);
                }

                keys[i] = h;
                order[i] = i;
            }

            // Sort by key, then by index inside each group, so groups and windows do not depend on sort stability.
            Array.Sort(keys, order);
            var start = 0;
            while (start < m)
            {
                var end = start + 1;
                while (end < m && keys[end] == keys[start])
                {
                    end++;
                }

                if (end - start > 1)
                {
                    Array.Sort(order, start, end - start);
                    var window = end - start <= options.MaxGroupSize ? end - start : options.GroupWindow + 1;
                    for (var x = start; x < end; x++)
                    {
                        for (var y = x + 1; y < end && y - x < window; y++)
                        {
                            int a = eligible[order[x]], b = eligible[order[y]];
                            pairs.Add(((long)Math.Min(a, b) << 32) | (uint)Math.Max(a, b));
                        }
                    }
                }

                start = end;
            }
        }

        var array = pairs.ToArray();
        Array.Sort(array);
        var unique = 0;
        for (var i = 0; i < array.Length; i++)
        {
            if (i == 0 || array[i] != array[unique - 1])
            {
                array[unique++] = array[i];
            }
        }

        Array.Resize(ref array, unique);
        return array;
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
