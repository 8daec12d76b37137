namespace Distill.Attribution.Neo4j;

/// <summary>A cluster attributed to an operator, with the confidence and the indicator keys that matched.</summary>
public sealed record AttributionWrite(
    string ClusterId,
    string OperatorId,
    double Confidence,
    IReadOnlyList<string> MatchedIndicators);
