namespace Distill.Attribution.Domain.Records;

/// <summary>An account; a later row for the same id updates it.</summary>
public sealed record AccountRecord(
    string AccountId,
    DateTimeOffset CreatedAt,
    string? EmailDomain,
    string? EmailHash,
    string? DisplayName,
    string? OrgName,
    AccessPathway AccessPathway,
    string? Country,
    AccountStatus? Status);
