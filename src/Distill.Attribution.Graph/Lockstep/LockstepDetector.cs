namespace Distill.Attribution.Graph.Lockstep;

/// <summary>
/// Finds account pairs that act in the same time buckets far more often than chance (the SynchroTrap /
/// CopyCatch idea) without comparing all pairs: each account's set of active buckets gets a MinHash
/// signature, locality-sensitive hashing over bands proposes candidate pairs, and every candidate is then
/// verified exactly. Work and memory are linear in the number of (account, bucket) pairs.
/// </summary>
public static class LockstepDetector
{
    private const long HourMs = 3_600_000;

    /// <summary>
    /// Time spans up to this many buckets (or up to twice the number of requests) index buckets by their
    /// number; longer spans index only the buckets some request falls in, so memory never depends on the span.
    /// </summary>
    internal const long DefaultMaxDenseBuckets = 1L << 22;

    /// <summary>
    /// Active buckets of every account in CSR form (offsets length n + 1), ascending per account. A bucket
    /// is an index: its number (buckets since <c>OriginMs</c>) is the index itself when <c>Numbers</c> is
    /// null, else <c>Numbers[index]</c> (ascending), the sparse form used when the time span is huge (two
    /// rows dated 0001 and 9999 would otherwise need billions of buckets). <c>SpanBuckets</c> is the
    /// number of buckets from the origin to the last active one.
    /// </summary>
    public static (int[] Offsets, int[] Buckets, long OriginMs, long[]? Numbers, long SpanBuckets) BucketSets(
        ReadOnlySpan<int> offsets, ReadOnlySpan<long> tsMs, long bucketMs, long maxDenseBuckets = DefaultMaxDenseBuckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketMs, 1);
        var n = offsets.Length - 1;
        var bucketOffsets = new int[Math.Max(1, n + 1)];
        if (tsMs.IsEmpty || n <= 0)
        {
            return (bucketOffsets, [], 0, null, 1);
        }

        var minTs = long.MaxValue;
        var maxTs = long.MinValue;
        foreach (var t in tsMs)
        {
            minTs = Math.Min(minTs, t);
            maxTs = Math.Max(maxTs, t);
        }

        var origin = Math.DivRem(minTs, bucketMs).Quotient * bucketMs;
        if (minTs < 0 && origin > minTs)
        {
            origin -= bucketMs;
        }

        var spanBuckets = ((maxTs - origin) / bucketMs) + 1;
        long[]? numbers = null;
        if (spanBuckets > Math.Max(maxDenseBuckets, 2L * tsMs.Length))
        {
            // Sparse: the distinct bucket numbers in use, ascending; a bucket's index is its rank.
            var all = new long[tsMs.Length];
            for (var r = 0; r < tsMs.Length; r++)
            {
                all[r] = (tsMs[r] - origin) / bucketMs;
            }

            Array.Sort(all);
            var distinct = 0;
            for (var r = 0; r < all.Length; r++)
            {
                if (r == 0 || all[r] != all[distinct - 1])
                {
                    all[distinct++] = all[r];
                }
            }

            Array.Resize(ref all, distinct);
            numbers = all;
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
                var number = (tsMs[r] - origin) / bucketMs;
                var b = numbers is null ? (int)number : Array.BinarySearch(numbers, number);
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
        return (bucketOffsets, buckets, origin, numbers, spanBuckets);
    }

    /// <summary>
    /// Lockstep pairs among accounts 0..n-1 whose request times are <paramref name="tsMs"/>[offsets[a]..offsets[a+1]]
    /// (ascending per account).
    /// </summary>
    /// <summary>The lockstep pairs; throws <see cref="OperationCanceledException"/> soon after <paramref name="cancellationToken"/> fires (each parallel phase checks it).</summary>
    public static LockstepPairs Detect(int[] offsets, long[] tsMs, LockstepOptions options, CancellationToken cancellationToken = default) =>
        Detect(offsets, tsMs, options, DefaultMaxDenseBuckets, cancellationToken);

    /// <summary><see cref="Detect(int[], long[], LockstepOptions, CancellationToken)"/> with the span above which buckets are indexed sparsely (tests force it).</summary>
    internal static LockstepPairs Detect(int[] offsets, long[] tsMs, LockstepOptions options, long maxDenseBuckets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(tsMs);
        ArgumentNullException.ThrowIfNull(options);
        var (bucketOffsets, buckets, origin, numbers, spanBuckets) = BucketSets(offsets, tsMs, options.BucketMs, maxDenseBuckets);
        var n = offsets.Length - 1;
        // Buckets indexed (the size of the per-bucket tables) and buckets spanned (the chance of overlap).
        var totalBuckets = 1;
        if (numbers is not null)
        {
            totalBuckets = Math.Max(1, numbers.Length);
        }
        else
        {
            foreach (var b in buckets)
            {
                totalBuckets = Math.Max(totalBuckets, b + 1);
            }
        }

        double spannedBuckets = numbers is null ? totalBuckets : Math.Max(1, spanBuckets);

        var eligible = new List<int>();
        for (var a = 0; a < n; a++)
        {
            if (bucketOffsets[a + 1] - bucketOffsets[a] >= options.MinActiveBuckets)
            {
                eligible.Add(a);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        var k = options.Bands * options.RowsPerBand;
        var multipliers = new ulong[k];
        var state = options.Seed;
        for (var h = 0; h < k; h++)
        {
            state += 0x9E3779B97F4A7C15UL;
            multipliers[h] = Mix(state) | 1UL;
        }

        var signatures = new uint[eligible.Count * k];
        Parallel.For(0, eligible.Count, parallel, () => new ulong[64], (i, _, scratch) =>
        {
            var a = eligible[i];
            var set = buckets.AsSpan(bucketOffsets[a], bucketOffsets[a + 1] - bucketOffsets[a]);
            if (scratch.Length < set.Length)
            {
                scratch = new ulong[set.Length * 2];
            }

            Signature(set, signatures.AsSpan(i * k, k), multipliers, scratch, options.Seed, numbers);
            return scratch;
        }, _ => { });

        cancellationToken.ThrowIfCancellationRequested();
        var pairs = CandidatePairs(eligible, signatures, options);
        cancellationToken.ThrowIfCancellationRequested();
        var candidates = KeepStrongestPartners(pairs, eligible, signatures, n, options, cancellationToken);
        var shared = new int[candidates.Length];
        var jaccard = new double[candidates.Length];
        var phases = new int[candidates.Length];
        var slotCount = (int)Math.Max(1, (options.PeriodMs + options.PhaseSlotMs - 1) / options.PhaseSlotMs);
        // Phase slot, minute of the hour and period (UTC day by default) of every bucket, once: the
        // verification loop then does no division.
        cancellationToken.ThrowIfCancellationRequested();
        var slotOf = new int[totalBuckets];
        var minuteOf = new byte[totalBuckets];
        var periodOf = new int[totalBuckets];
        for (var b = 0; b < totalBuckets; b++)
        {
            var start = origin + ((numbers is null ? b : numbers[b]) * options.BucketMs);
            periodOf[b] = (int)(start >= 0 ? start / options.PeriodMs : ((start + 1) / options.PeriodMs) - 1);
            slotOf[b] = (int)((((start % options.PeriodMs) + options.PeriodMs) % options.PeriodMs) / options.PhaseSlotMs);
            minuteOf[b] = (byte)((((start % HourMs) + HourMs) % HourMs) / 60_000);
        }

        var gridShare = new double[candidates.Length];
        var periods = new int[candidates.Length];
        var gridMinutes = Math.Clamp(options.GridMinutes, 0, 60);

        Parallel.For(0, candidates.Length, parallel, c =>
        {
            var a = (int)(candidates[c] >> 32);
            var b = (int)(candidates[c] & 0xFFFFFFFF);
            Span<bool> seen = slotCount <= 2048 ? stackalloc bool[slotCount] : new bool[slotCount];
            Span<int> perMinute = stackalloc int[60];
            int i = bucketOffsets[a], iEnd = bucketOffsets[a + 1], j = bucketOffsets[b], jEnd = bucketOffsets[b + 1];
            int common = 0, slots = 0, days = 0;
            var lastDay = int.MinValue;
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
                    var slot = slotOf[buckets[i]];
                    if (!seen[slot])
                    {
                        seen[slot] = true;
                        slots++;
                    }

                    perMinute[minuteOf[buckets[i]]]++;
                    // Shared buckets come in ascending order, so distinct periods are counted by their changes.
                    var day = periodOf[buckets[i]];
                    if (day != lastDay)
                    {
                        lastDay = day;
                        days++;
                    }

                    i++;
                    j++;
                }
            }

            int sizeA = iEnd - bucketOffsets[a], sizeB = jEnd - bucketOffsets[b];
            shared[c] = common;
            jaccard[c] = common == 0 ? 0 : (double)common / (sizeA + sizeB - common);
            phases[c] = slots;
            periods[c] = days;
            // Share of the shared buckets in the busiest minutes of the hour (a clock grid puts nearly all there).
            perMinute.Sort();
            var top = 0;
            for (var m = 60 - gridMinutes; m < 60; m++)
            {
                top += perMinute[m];
            }

            gridShare[c] = common == 0 ? 0 : (double)top / common;
        });

        var keep = new List<int>();
        for (var c = 0; c < candidates.Length; c++)
        {
            var a = (int)(candidates[c] >> 32);
            var b = (int)(candidates[c] & 0xFFFFFFFF);
            var pa = (bucketOffsets[a + 1] - bucketOffsets[a]) / spannedBuckets;
            var pb = (bucketOffsets[b + 1] - bucketOffsets[b]) / spannedBuckets;
            var expected = pa * pb / (pa + pb - (pa * pb));
            if (shared[c] >= options.MinSharedBuckets && jaccard[c] >= options.MinJaccard
                && jaccard[c] >= options.MinLift * expected && phases[c] >= options.MinPhaseSlots
                && gridShare[c] <= options.MaxGridShare && periods[c] >= options.MinDistinctPeriods)
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

    /// <summary>
    /// Keeps, for every account, only its <see cref="LockstepOptions.MaxPartnersPerAccount"/> candidates with the
    /// most equal signature bins (ties: lower partner id); a pair survives when either side keeps it. A campaign
    /// of thousands of accounts in lockstep then costs a few dozen verified pairs per account, not all of its
    /// pairs, and stays connected. Candidates agreeing on fewer bins than half the minimum Jaccard are dropped.
    /// </summary>
    private static long[] KeepStrongestPartners(long[] candidates, List<int> eligible, uint[] signatures, int n, LockstepOptions options, CancellationToken cancellationToken)
    {
        var k = options.Bands * options.RowsPerBand;
        var slot = new int[n];
        Array.Fill(slot, -1);
        for (var i = 0; i < eligible.Count; i++)
        {
            slot[eligible[i]] = i;
        }

        var agree = new int[candidates.Length];
        Parallel.For(0, candidates.Length, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken }, c =>
        {
            var x = signatures.AsSpan(slot[(int)(candidates[c] >> 32)] * k, k);
            var y = signatures.AsSpan(slot[(int)(candidates[c] & 0xFFFFFFFF)] * k, k);
            var equal = 0;
            for (var h = 0; h < k; h++)
            {
                equal += x[h] == y[h] ? 1 : 0;
            }

            agree[c] = equal;
        });

        var minAgree = (int)(options.MinJaccard * 0.5 * k);
        var offsets = new int[n + 1];
        for (var c = 0; c < candidates.Length; c++)
        {
            if (agree[c] >= minAgree)
            {
                offsets[(int)(candidates[c] >> 32) + 1]++;
                offsets[(int)(candidates[c] & 0xFFFFFFFF) + 1]++;
            }
        }

        for (var a = 0; a < n; a++)
        {
            offsets[a + 1] += offsets[a];
        }

        var byAccount = new int[offsets[n]];
        var cursor = (int[])offsets.Clone();
        for (var c = 0; c < candidates.Length; c++)
        {
            if (agree[c] >= minAgree)
            {
                byAccount[cursor[(int)(candidates[c] >> 32)]++] = c;
                byAccount[cursor[(int)(candidates[c] & 0xFFFFFFFF)]++] = c;
            }
        }

        var keep = new bool[candidates.Length];
        for (var a = 0; a < n; a++)
        {
            var list = byAccount.AsSpan(offsets[a], offsets[a + 1] - offsets[a]);
            if (list.Length > options.MaxPartnersPerAccount)
            {
                // Candidate indices ascend with the partner id for a fixed account, so a stable order on agreement breaks ties by id.
                list.Sort((x, y) => agree[y] != agree[x] ? agree[y].CompareTo(agree[x]) : x.CompareTo(y));
                list = list[..options.MaxPartnersPerAccount];
            }

            foreach (var c in list)
            {
                keep[c] = true;
            }
        }

        var count = 0;
        for (var c = 0; c < candidates.Length; c++)
        {
            if (keep[c])
            {
                candidates[count++] = candidates[c];
            }
        }

        Array.Resize(ref candidates, count);
        return candidates;
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

    /// <summary>
    /// Classic MinHash: bin h holds min over the set of hi32(x × m_h), x the bucket's 64-bit mix, m_h an odd
    /// multiplier. Each bucket is mixed once; the bins loop over a flat array, the inner loop of the whole view.
    /// (One-permutation hashing was tried: its densified bins make small sets that share one bucket collide,
    /// which flooded the candidates with background users.)
    /// </summary>
    internal static void Signature(ReadOnlySpan<int> set, Span<uint> signature, ulong[] multipliers, ulong[] scratch, ulong seed, long[]? numbers = null)
    {
        // A bucket is hashed by its number, so the sparse and dense forms give the same signatures.
        var xs = scratch.AsSpan(0, set.Length);
        for (var e = 0; e < set.Length; e++)
        {
            xs[e] = Mix((ulong)(numbers is null ? set[e] : numbers[set[e]]) ^ seed);
        }

        for (var h = 0; h < signature.Length; h++)
        {
            var m = multipliers[h];
            var min = uint.MaxValue;
            foreach (var x in xs)
            {
                var v = (uint)((x * m) >> 32);
                min = v < min ? v : min;
            }

            signature[h] = min;
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
