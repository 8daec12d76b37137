namespace Distill.Attribution.Application.Accounts;

/// <summary>What the store knows of one account (its profile, payments, IPs and request statistics).</summary>
public sealed record AccountDetails(
    string Id,
    DateTimeOffset? CreatedAt,
    string? EmailDomain,
    string? OrgName,
    string? AccessPathway,
    string? Country,
    string? Status,
    IReadOnlyList<AccountPayment> Payments,
    IReadOnlyList<AccountIp> Ips,
    AccountRequestStats Requests);
