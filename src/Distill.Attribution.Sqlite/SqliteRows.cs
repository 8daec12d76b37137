using Distill.Attribution.Domain.Records;
using Distill.Attribution.Infrastructure.ContentHashing;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// The canonical serialization of each table's rows, hashed into the content digests behind
/// <c>InputHash</c>. Writer and hasher share it, so a row hashes the same whether it is hashed as it is
/// written or read back later.
/// </summary>
internal static class SqliteRows
{
    public const string SessionsTable = "sessions";
    public const string RequestsTable = "requests";

    public static ReadOnlySpan<byte> Account(
        CanonicalRow row, string accountId, long createdAt, string? emailDomain, string? emailHash, string? displayName,
        string? orgName, long pathway, string? country, long? status) =>
        row.Start((byte)RecordKind.Accounts).Text(accountId).Int(createdAt).Text(emailDomain).Text(emailHash)
            .Text(displayName).Text(orgName).Int(pathway).Text(country).Int(status).Bytes;

    public static ReadOnlySpan<byte> Payment(
        CanonicalRow row, string accountId, string instrument, long? kind, string? bin, string? issuerCountry, long firstSeen) =>
        row.Start((byte)RecordKind.Payments).Text(accountId).Text(instrument).Int(kind).Text(bin).Text(issuerCountry)
            .Int(firstSeen).Bytes;

    public static ReadOnlySpan<byte> Session(
        CanonicalRow row, string accountId, string ip, long seenAt, long? asn, string? asnOrg, long? ipType) =>
        row.Start((byte)RecordKind.Sessions).Text(accountId).Text(ip).Int(seenAt).Int(asn).Text(asnOrg).Int(ipType).Bytes;

    public static ReadOnlySpan<byte> Request(CanonicalRow row, RequestRecord r, long ts)
    {
        row.Start((byte)RecordKind.Requests);
        return row.Text(r.RequestId).Text(r.AccountId).Int(ts).Text(r.Model).Text(r.Capability).Text(r.PromptFingerprint)
            .Text(r.Ip).Text(r.Client).Int(r.InputTokens).Int(r.OutputTokens).Bytes;
    }

    public static ReadOnlySpan<byte> Release(CanonicalRow row, string model, long releasedAt) =>
        row.Start((byte)RecordKind.Releases).Text(model).Int(releasedAt).Bytes;

    public static ReadOnlySpan<byte> Indicator(
        CanonicalRow row, string operatorId, long kind, string value, string? operatorName, double confidence, string? source) =>
        row.Start((byte)RecordKind.Indicators).Text(operatorId).Int(kind).Text(value).Text(operatorName).Real(confidence)
            .Text(source).Bytes;
}
