using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// Everything detection reads, in compact columns with dense int ids (the way Neo4j GDS projects a
/// graph before running an algorithm). Built once by a store (<c>ISnapshotSource</c>); detection never
/// goes back to the store on a hot path. Ids index the string tables below; -1 means absent.
/// </summary>
public sealed class DetectionSnapshot
{
    /// <summary>Hash of the store contents this snapshot was read from (hex SHA-256), recorded with every run.</summary>
    public required string InputHash { get; init; }

    // ---- string tables (dense ids) ----
    public required string[] AccountIds { get; init; }
    public required string[] Instruments { get; init; }
    public required string[] Ips { get; init; }
    public required string[] Models { get; init; }
    public required string[] Capabilities { get; init; }
    public required string[] PromptFingerprints { get; init; }
    public required string[] Clients { get; init; }
    public required string[] EmailDomains { get; init; }
    public required string[] EmailHashes { get; init; }
    public required string[] OrgNames { get; init; }
    /// <summary>Display names as written (the scorer compares them case- and space-insensitively).</summary>
    public required string[] DisplayNames { get; init; }

    // ---- accounts: one entry per account id (index = account id) ----
    public required long[] AccountCreatedAtMs { get; init; }
    public required AccessPathway[] AccountPathway { get; init; }
    public required int[] AccountEmailDomain { get; init; }
    public required int[] AccountEmailHash { get; init; }
    public required int[] AccountOrgName { get; init; }
    public required int[] AccountDisplayName { get; init; }
    /// <summary>ISO country code or null.</summary>
    public required string?[] AccountCountry { get; init; }
    /// <summary>Status, or null when absent.</summary>
    public required AccountStatus?[] AccountStatus { get; init; }

    // ---- payments: one entry per (account, instrument) ----
    public required int[] PaymentAccount { get; init; }
    public required int[] PaymentInstrument { get; init; }
    public required PaymentKind?[] PaymentKind { get; init; }
    public required string?[] PaymentBin { get; init; }
    public required long[] PaymentFirstSeenMs { get; init; }

    // ---- per IP (index = ip id): from sessions; null/-1 when no session named it ----
    public required long[] IpAsn { get; init; }
    public required string?[] IpAsnOrg { get; init; }
    public required IpType?[] IpKind { get; init; }

    // ---- sessions, aggregated per (account, ip) ----
    public required int[] SessionAccount { get; init; }
    public required int[] SessionIp { get; init; }
    public required int[] SessionCount { get; init; }
    public required long[] SessionFirstSeenMs { get; init; }
    public required long[] SessionLastSeenMs { get; init; }

    // ---- requests: sorted by (account, ts); rows of account a are [RequestOffsets[a], RequestOffsets[a+1]) ----
    public required int[] RequestOffsets { get; init; }
    /// <summary>The store's own key of each request row; resolve to request ids through the store for provenance.</summary>
    public required long[] RequestRowId { get; init; }
    public required long[] RequestTsMs { get; init; }
    public required int[] RequestModel { get; init; }
    public required int[] RequestCapability { get; init; }
    public required int[] RequestPromptFingerprint { get; init; }
    public required int[] RequestIp { get; init; }
    public required int[] RequestClient { get; init; }

    // ---- small tables ----
    public required ReleaseRecord[] Releases { get; init; }
    public required IndicatorRecord[] Indicators { get; init; }

    public int AccountCount => AccountIds.Length;
    public int RequestCount => RequestTsMs.Length;
}
