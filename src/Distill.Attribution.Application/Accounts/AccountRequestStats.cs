namespace Distill.Attribution.Application.Accounts;

/// <summary>Request statistics of an account, from the store's per-account aggregates.</summary>
public sealed record AccountRequestStats(
    long Requests,
    long InputTokens,
    long OutputTokens,
    DateTimeOffset? FirstRequest,
    DateTimeOffset? LastRequest,
    IReadOnlyList<NamedCount> ByModel,
    IReadOnlyList<NamedCount> ByCapability);
