namespace Distill.Attribution.Application.Cases;

/// <summary>A recorded verdict: who (key id and role) said what about which cluster of which run, and when.</summary>
public sealed record VerdictRecord(
    long Id,
    string ClusterId,
    string RunId,
    Verdict Verdict,
    string? Note,
    string KeyId,
    string Role,
    DateTimeOffset RecordedAt);
