namespace Distill.Attribution.Domain.Detection;

/// <summary>A cluster of a run: members (account ids, sorted), score, verdict, attribution, evidence, lineage.</summary>
public sealed record DetectedCluster
{
    /// <summary>Stable id (<c>c-0001</c>), kept across runs by overlap; empty until a run assigns it.</summary>
    public string Id { get; init; } = "";

    public required IReadOnlyList<string> Members { get; init; }

    public required double RiskScore { get; init; }

    public required bool Flagged { get; init; }

    public required ClusterFeatures Features { get; init; }

    /// <summary>Null when not flagged or when no indicator reaches it (an unknown operator).</summary>
    public OperatorAttribution? Operator { get; init; }

    /// <summary>Evidence tree of a flagged cluster; null for unflagged clusters.</summary>
    public EvidenceTree? Evidence { get; init; }

    public IReadOnlyList<CounterEvidence> CounterEvidence { get; init; } = [];

    public ClusterLineage Lineage { get; init; } = ClusterLineage.New;

    /// <summary>Ids of the previous run's clusters this one came from.</summary>
    public IReadOnlyList<string> LineageParents { get; init; } = [];
}
