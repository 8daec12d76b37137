using Distill.Attribution.Application.Live;

namespace Distill.Attribution.Testing.Builders;

/// <summary>Alerts for store and API tests: the fields every alert needs; add the rest with <c>with { ... }</c>.</summary>
public static class LiveAlerts
{
    public static LiveAlert Of(string cluster, AlertKind kind, string runId, DateTimeOffset at, int members = 5) => new()
    {
        ClusterId = cluster,
        Kind = kind,
        FirstRunId = runId,
        RunId = runId,
        RaisedAt = at,
        UpdatedAt = at,
        ObservedAt = at,
        Summary = $"{cluster} {kind}",
        Evidence = [new AlertFact("members", members.ToString(System.Globalization.CultureInfo.InvariantCulture))],
    };
}
