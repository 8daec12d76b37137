namespace Distill.Attribution.Application.Cases;

/// <summary>
/// An analyst's correction of a cluster's suspected operator. The detector's attribution is kept beside it
/// (<see cref="OriginalOperatorId"/>), never replaced.
/// </summary>
public sealed record OperatorOverride(
    long Id,
    string ClusterId,
    string RunId,
    string? OriginalOperatorId,
    string OperatorId,
    string Reason,
    string KeyId,
    string Role,
    DateTimeOffset RecordedAt);
