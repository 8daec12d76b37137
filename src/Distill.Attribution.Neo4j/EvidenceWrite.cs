namespace Distill.Attribution.Neo4j;

/// <summary>An evidence link between two accounts of a cluster: rule, weight and provenance (JSON text).</summary>
public sealed record EvidenceWrite(
    string ClusterId,
    string FromAccountId,
    string ToAccountId,
    string Rule,
    double Weight,
    string ProvenanceJson);
