namespace Distill.Attribution.Neo4j;

/// <summary>A cluster of a run: stable id, score, verdict, lineage (new, grown, …) and member account ids.</summary>
public sealed record ClusterWrite(
    string ClusterId,
    double RiskScore,
    bool Flagged,
    string? Lineage,
    IReadOnlyList<string> Members);
