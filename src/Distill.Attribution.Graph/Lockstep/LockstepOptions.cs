namespace Distill.Attribution.Graph.Lockstep;

/// <summary>
/// Settings of <see cref="LockstepDetector"/>. Two accounts are in lockstep when the sets of time buckets
/// in which each was active overlap far more than chance allows, over many distinct times of day.
/// </summary>
public sealed record LockstepOptions
{
    /// <summary>Width of a time bucket in ms. Coarse enough that a load-balanced burst, which gives each
    /// account a different moment of the same burst (round robin), still falls into one bucket.</summary>
    public long BucketMs { get; init; } = 60_000;

    /// <summary>Accounts active in fewer buckets are not compared: a handful of coincidences proves nothing.</summary>
    public int MinActiveBuckets { get; init; } = 5;

    /// <summary>A pair needs at least this many shared buckets.</summary>
    public int MinSharedBuckets { get; init; } = 5;

    /// <summary>Minimum Jaccard similarity of the two bucket sets.</summary>
    public double MinJaccard { get; init; } = 0.3;

    /// <summary>Observed Jaccard must be at least this multiple of the Jaccard two independent accounts with
    /// the same activity densities would reach; so two always-on power users are not in lockstep.</summary>
    public double MinLift { get; init; } = 5;

    /// <summary>Shared buckets must fall into at least this many distinct phase slots of the period, so
    /// nightly jobs and cron schedules that fire at the same clock time do not count as coordination.</summary>
    public int MinPhaseSlots { get; init; } = 4;

    /// <summary>A pair is rejected when more than <see cref="MaxGridShare"/> of its shared buckets fall into its
    /// busiest this-many minutes of the hour: independent jobs on the same 5/10/15/20-minute clock grid with the same
    /// offset meet in every bucket they use, around the clock, but only at the grid's minutes.</summary>
    public int GridMinutes { get; init; } = 12;

    /// <summary>See <see cref="GridMinutes"/>; 1 (the default) disables the check.</summary>
    public double MaxGridShare { get; init; } = 1;

    /// <summary>Shared buckets must fall on at least this many distinct periods (days by default; 0 disables the
    /// check): coordination sustained over days, not one shared event such as a hackathon's dense 36 hours.</summary>
    public int MinDistinctPeriods { get; init; }

    /// <summary>Width of a phase slot in ms (default 15 min).</summary>
    public long PhaseSlotMs { get; init; } = 15 * 60_000;

    /// <summary>Period of schedules in ms (default one day).</summary>
    public long PeriodMs { get; init; } = 86_400_000;

    /// <summary>MinHash LSH bands; with <see cref="RowsPerBand"/> sets the similarity above which pairs
    /// almost surely become candidates ((1/bands)^(1/rows) ≈ 0.35 by default).</summary>
    public int Bands { get; init; } = 24;

    /// <summary>MinHash values per band.</summary>
    public int RowsPerBand { get; init; } = 3;

    /// <summary>A band group (accounts with identical band signatures) larger than this is not expanded into
    /// all its pairs; each account is compared with its next <see cref="GroupWindow"/> neighbours instead,
    /// which keeps the work linear and the group connected.</summary>
    public int MaxGroupSize { get; init; } = 64;

    /// <summary>Neighbours compared in an oversized band group.</summary>
    public int GroupWindow { get; init; } = 4;

    /// <summary>Candidates verified per account at most (those with the most similar signatures): bounds the work
    /// inside large lockstep groups while keeping them connected.</summary>
    public int MaxPartnersPerAccount { get; init; } = 24;

    /// <summary>Seed of the MinHash functions (results do not depend on thread count).</summary>
    public ulong Seed { get; init; } = 0x9E3779B97F4A7C15UL;

    /// <summary>Threads; -1 = all cores. Never changes the result.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
