namespace Distill.Attribution.Application.Accounts;

/// <summary>An IP an account used, from its sessions and requests.</summary>
public sealed record AccountIp(
    string Ip,
    long? Asn,
    string? AsnOrg,
    string? IpType,
    int Sessions,
    long Requests,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen);
