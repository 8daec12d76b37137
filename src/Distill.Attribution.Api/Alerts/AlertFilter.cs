using Distill.Attribution.Application.Live;

namespace Distill.Attribution.Api.Alerts;

/// <summary>What one <c>alertRaised</c> subscriber asked for: some kinds (null: all) and a minimum risk score (null: any).</summary>
internal sealed record AlertFilter(IReadOnlyCollection<AlertKind>? Kinds, double? MinRisk)
{
    public bool Matches(LiveAlert alert) =>
        (Kinds is null || Kinds.Contains(alert.Kind)) && (MinRisk is not { } min || alert.RiskScore >= min);
}
