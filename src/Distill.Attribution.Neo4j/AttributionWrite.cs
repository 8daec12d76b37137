namespace Distill.Attribution.Neo4j;

/// <summary>A cluster attributed to an operator, with the confidence and the indicator keys that matched.</summary>
public sealed record AttributionWrite(
    string ClusterId,
    string OperatorId,
    double Confidence,
    IReadOnlyList<string> MatchedIndicators)
{
    /// <summary>The attributed cluster whose shared infrastructure named this one's operator (no indicator reaches it); null
    /// for an attribution by indicators.</summary>
    public string? ThroughCluster { get; init; }
}
