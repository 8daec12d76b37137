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

    /// <summary>Set when no indicator reaches the cluster and the operator is named through the infrastructure its members
    /// share with a cluster the indicators attribute (<see cref="DetectionParameters.AttributionThroughMinShare"/>); then
    /// <see cref="Indicators"/> is empty and <see cref="Coverage"/> is the share of members that ride that infrastructure.</summary>
    public InfrastructureTie? Through { get; init; }
}
