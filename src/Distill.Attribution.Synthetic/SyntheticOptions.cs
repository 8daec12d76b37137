namespace Distill.Attribution.Synthetic;

/// <summary>Knobs of the synthetic data set. Defaults reproduce the reference data set; see docs/generator.md.</summary>
public sealed class SyntheticOptions
{
    /// <summary>Multiplies account and request counts linearly (1 ≈ 24k fraudulent accounts, 16M campaign requests).</summary>
    public double Scale { get; init; } = 1.0;

    /// <summary>Same seed, same bytes.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Datacenter proxy IPs the pivot operator rotates through; null = 240 (not scaled).</summary>
    public int? ProxyPoolSize { get; init; }

    /// <summary>Timing jitter (± ms) of the synchronized operator's lockstep bursts.</summary>
    public int SyncJitterMs { get; init; } = 1500;

    /// <summary>Share of a campaign account's requests that are ordinary-looking traffic (hydra adds 0.3 of resold traffic).</summary>
    public double CamouflageShare { get; init; } = 0.2;

    /// <summary>Legitimate office teams that share one corporate card and office IP; null = 70 × scale (at least 3).</summary>
    public int? SharedCardTeams { get; init; }

    /// <summary>Campaign variants (<c>--variant</c>); the default is the reference world.</summary>
    public VariantSelection Variants { get; init; } = VariantSelection.Default;

    /// <summary>Ordinary (<c>legit_background</c>) accounts; null = 14,000 × scale (at least 60).</summary>
    public int? Population { get; init; }

    /// <summary>Write every file gzip-compressed (<c>.csv.gz</c>).</summary>
    public bool Gzip { get; init; }

    /// <summary>Request rows per requests file before a new part starts.</summary>
    public long RowsPerRequestFile { get; init; } = 4_000_000;

    /// <summary>Worker threads that format request shards; the output does not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}
