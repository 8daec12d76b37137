using Distill.Attribution.Domain.Records;
using Distill.Attribution.Infrastructure.ContentHashing;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// <c>DetectionSnapshot.InputHash</c> of rows read from Neo4j, with the canonical rows the SQLite store writes
/// (<see cref="CanonicalRow"/>), digests (<see cref="ContentDigest"/>) and combination
/// (<see cref="StoreInputHash.Combine"/>), so both stores give the same hash: per record type a multiset hash of canonical rows
/// (the sum of the rows' SHA-256 modulo 2^256, so ingest order and row ids do not matter), then SHA-256
/// over a domain tag and, per type in <see cref="RecordKind"/> order, the type byte, the row count and
/// the digest. A canonical row is the type byte then tagged fields: null = <c>0</c>; text = <c>1</c>,
/// UTF-8 length (int32 LE) and bytes; integer = <c>2</c> and int64 LE; real = <c>3</c> and IEEE double
/// LE. Timestamps are Unix milliseconds and enums their byte values, as the contract stores them.
/// </summary>
internal sealed class StoreContentHash
{
    private readonly CanonicalRow row = new();
    private readonly (long Rows, ContentDigest Digest)[] tables = new (long, ContentDigest)[6];

    public void Account(string accountId, long createdAtMs, string? emailDomain, string? emailHash, string? displayName, string? orgName, AccessPathway pathway, string? country, AccountStatus? status)
    {
        Add(RecordKind.Accounts, Start(RecordKind.Accounts).Text(accountId).Int(createdAtMs).Text(emailDomain).Text(emailHash).Text(displayName).Text(orgName)
            .Int((long)pathway).Text(country).Int(status is { } s ? (long)s : null));
    }

    public void Payment(string accountId, string instrument, PaymentKind? kind, string? bin, string? issuerCountry, long firstSeenMs) =>
        Add(RecordKind.Payments, Start(RecordKind.Payments).Text(accountId).Text(instrument).Int(kind is { } k ? (long)k : null).Text(bin).Text(issuerCountry)
            .Int(firstSeenMs));

    public void Session(string accountId, string ip, long seenAtMs, long? asn, string? asnOrg, IpType? ipType) =>
        Add(RecordKind.Sessions, Start(RecordKind.Sessions).Text(accountId).Text(ip).Int(seenAtMs).Int(asn).Text(asnOrg).Int(ipType is { } t ? (long)t : null));

    public void Request(string requestId, string accountId, long tsMs, string model, string? capability, string? promptFingerprint, string? ip, string? client, long? inputTokens, long? outputTokens) =>
        Add(RecordKind.Requests, Start(RecordKind.Requests).Text(requestId).Text(accountId).Int(tsMs).Text(model).Text(capability).Text(promptFingerprint)
            .Text(ip).Text(client).Int(inputTokens).Int(outputTokens));

    public void Release(string model, long releasedAtMs) =>
        Add(RecordKind.Releases, Start(RecordKind.Releases).Text(model).Int(releasedAtMs));

    public void Indicator(IndicatorRecord i) =>
        Add(RecordKind.Indicators, Start(RecordKind.Indicators).Text(i.OperatorId).Int((long)i.Kind).Text(i.Value).Text(i.OperatorName).Real(i.Confidence)
            .Text(i.Source));

    public string Finish() => StoreInputHash.Combine(tables);

    private CanonicalRow Start(RecordKind kind) => row.Start((byte)kind);

    /// <summary>Counts the row just written into <paramref name="written"/> (the shared buffer) for its type.</summary>
    private void Add(RecordKind kind, CanonicalRow written)
    {
        ref var table = ref tables[(int)kind];
        table.Rows++;
        table.Digest.AddRow(written.Bytes);
    }
}
