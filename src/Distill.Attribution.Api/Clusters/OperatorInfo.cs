using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Api.Clusters;

/// <summary>The value behind the <c>Operator</c> type: an attribution, or an override that replaced it.</summary>
internal sealed record OperatorInfo(string Id, string? Name, double? Confidence, int? IndependentKinds, IReadOnlyList<MatchedIndicator> Indicators, bool Overridden, string? OverrideReason, double? Coverage = null, InfrastructureTie? Through = null)
{
    public static OperatorInfo? Detector(OperatorAttribution? a) =>
        a is null ? null : new OperatorInfo(a.OperatorId, a.OperatorName, a.Confidence, a.IndependentKinds, a.Indicators, false, null, a.Coverage, a.Through);
}
