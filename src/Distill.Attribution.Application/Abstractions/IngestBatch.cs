using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// Validated rows of one record kind, written atomically: after a crash the store holds all of a batch
/// or none of it, so a re-run after a crash skips nothing and doubles nothing.
/// </summary>
public sealed class IngestBatch
{
    public required RecordKind Kind { get; init; }
    /// <summary>The source file, as given on the command line (for provenance).</summary>
    public required string Source { get; init; }
    public IReadOnlyList<AccountRecord> Accounts { get; init; } = [];
    public IReadOnlyList<PaymentRecord> Payments { get; init; } = [];
    public IReadOnlyList<SessionRecord> Sessions { get; init; } = [];
    public IReadOnlyList<RequestRecord> Requests { get; init; } = [];
    public IReadOnlyList<ReleaseRecord> Releases { get; init; } = [];
    public IReadOnlyList<IndicatorRecord> Indicators { get; init; } = [];

    /// <summary>What <see cref="IIngestStore.PrepareBatch"/> computed for this batch; only the store that made it reads it.</summary>
    public PreparedBatch? Prepared { get; set; }

    /// <summary>
    /// Set by the store: rows of this batch whose key was already stored with different content (a request id
    /// stored for another account or time). The stored row is kept; the ingest warns about them.
    /// </summary>
    public int ConflictingDuplicates { get; set; }

    public int Count => Kind switch
    {
        RecordKind.Accounts => Accounts.Count,
        RecordKind.Payments => Payments.Count,
        RecordKind.Sessions => Sessions.Count,
        RecordKind.Requests => Requests.Count,
        RecordKind.Releases => Releases.Count,
        RecordKind.Indicators => Indicators.Count,
        _ => 0,
    };
}
