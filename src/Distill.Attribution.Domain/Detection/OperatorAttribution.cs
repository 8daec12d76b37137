namespace Distill.Attribution.Domain.Detection;

/// <summary>The suspected operator of a flagged cluster, the combined confidence and the indicators behind it.</summary>
public sealed record OperatorAttribution(
    string OperatorId,
    string? OperatorName,
    double Confidence,
    int IndependentKinds,
    IReadOnlyList<MatchedIndicator> Indicators)
{
    /// <summary>Share of members matched by at least one of the operator's indicators.</summary>
    public double Coverage { get; init; }
}
