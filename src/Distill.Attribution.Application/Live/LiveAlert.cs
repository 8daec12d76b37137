using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Live;

/// <summary>
/// An alert about one flagged cluster: one per cluster, kind and subject (the model of a pivot, else empty) while it
/// is open; later runs that see a change update it (<see cref="Updates"/>) rather than raise another.
/// </summary>
public sealed record LiveAlert
{
    /// <summary>The store's id; 0 before the alert is saved.</summary>
    public long Id { get; init; }

    public required string ClusterId { get; init; }

    public required AlertKind Kind { get; init; }

    /// <summary>The model of a <see cref="AlertKind.ReleasePivot"/>; empty for the other kinds.</summary>
    public string Subject { get; init; } = "";

    public AlertStatus Status { get; init; } = AlertStatus.Open;

    /// <summary>The run that raised the alert.</summary>
    public required string FirstRunId { get; init; }

    /// <summary>The run that raised or last updated the alert.</summary>
    public required string RunId { get; init; }

    /// <summary>Wall-clock time the alert was raised.</summary>
    public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>Wall-clock time of the last change (update, acknowledge, resolve).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// The data's own time when the alert was raised: the latest request timestamp the run saw. In a replay this is
    /// the simulated "now", from which time to detection is measured.
    /// </summary>
    public required DateTimeOffset ObservedAt { get; init; }

    /// <summary>How many later runs changed the alert's evidence.</summary>
    public int Updates { get; init; }

    /// <summary>One line for a person.</summary>
    public required string Summary { get; init; }

    /// <summary>What changed, as name/value pairs.</summary>
    public required IReadOnlyList<AlertFact> Evidence { get; init; }

    public ClusterLineage Lineage { get; init; }

    public IReadOnlyList<string> LineageParents { get; init; } = [];

    public string? OperatorId { get; init; }

    public double RiskScore { get; init; }

    /// <summary>The cluster's members when the alert was raised or last updated (at most <see cref="AlertOptions.MaxMembersListed"/>).</summary>
    public IReadOnlyList<string> Members { get; init; } = [];

    public int MemberCount { get; init; }

    /// <summary>Key id of whoever acknowledged or resolved it; null while open.</summary>
    public string? HandledBy { get; init; }

    /// <summary>Deduplication key: cluster, kind, subject.</summary>
    public (string ClusterId, AlertKind Kind, string Subject) Key => (ClusterId, Kind, Subject);
}
