namespace Distill.Attribution.Graph.Community;

/// <summary>Parameters of a <see cref="Leiden"/> run. Every parameter has a default; a run records all of them.</summary>
public sealed record LeidenOptions
{
    /// <summary>The quality function to maximise. Default <see cref="LeidenQuality.Modularity"/>.</summary>
    public LeidenQuality Quality { get; init; } = LeidenQuality.Modularity;

    /// <summary>
    /// Resolution γ (≥ 0). Default 1.0. For modularity, higher means smaller communities; for CPM it is the
    /// minimum internal edge density (edge weight per node pair) a community must have, so on weighted
    /// graphs it is in weight units.
    /// </summary>
    public double Resolution { get; init; } = 1.0;

    /// <summary>Seed of the pseudo-random node orders and refinement choices. Default 42.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>
    /// Number of full Leiden iterations (each runs local moving, refinement and aggregation down to a single
    /// level). A negative value runs until an iteration moves no node. Default −1 (until stable).
    /// </summary>
    public int MaxIterations { get; init; } = -1;

    /// <summary>
    /// Randomness θ of the refinement phase: a node joins a sub-community with probability ∝ exp(ΔQ / θ),
    /// ΔQ in the unscaled units of the move gain (edge weight). Default 0.01, as in the reference
    /// implementations; near 0 the refinement is greedy.
    /// </summary>
    public double Randomness { get; init; } = 0.01;

    /// <summary>
    /// Worker threads for the refinement phase (per-community work with per-community random streams, so the
    /// result is identical for any thread count). Default 1; values below 1 mean all processors.
    /// </summary>
    public int Threads { get; init; } = 1;
}
