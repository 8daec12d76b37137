using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Testing.Builders;

/// <summary>Builds a <see cref="SessionRecord"/> with plausible defaults.</summary>
public sealed class SessionRecordBuilder
{
    private SessionRecord record = new("acct-1", "203.0.113.7", TestTime.At(0), 64500, "Example Net", IpType.Residential);

    public SessionRecordBuilder ForAccount(string accountId) => Set(record with { AccountId = accountId });
    public SessionRecordBuilder FromIp(string ip) => Set(record with { Ip = ip });
    public SessionRecordBuilder SeenAt(DateTimeOffset at) => Set(record with { SeenAt = at });
    public SessionRecordBuilder WithAsn(long? asn, string? asnOrg) => Set(record with { Asn = asn, AsnOrg = asnOrg });
    public SessionRecordBuilder OfType(IpType? type) => Set(record with { IpType = type });
    public SessionRecord Build() => record;

    private SessionRecordBuilder Set(SessionRecord value)
    {
        record = value;
        return this;
    }
}
