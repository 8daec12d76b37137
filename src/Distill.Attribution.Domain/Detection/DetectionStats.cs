namespace Distill.Attribution.Domain.Detection;

/// <summary>What a detection did: links per rule, graph size, lockstep work, clusters, and time per phase.</summary>
public sealed record DetectionStats(
    IReadOnlyDictionary<string, int> LinksByRule,
    int GraphEdges,
    int LockstepCandidates,
    int ClusterCount,
    int FlaggedCount,
    IReadOnlyDictionary<string, double> PhaseSeconds);
