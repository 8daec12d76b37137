namespace Distill.Attribution.Domain.Records;

/// <summary>An account was seen at an IP address.</summary>
public sealed record SessionRecord(
    string AccountId,
    string Ip,
    DateTimeOffset SeenAt,
    long? Asn,
    string? AsnOrg,
    IpType? IpType);
