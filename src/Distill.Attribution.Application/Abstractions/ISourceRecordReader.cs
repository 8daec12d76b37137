namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// Reads the exact input records a cluster's evidence cites, as they were ingested, so an evidence pack can
/// carry them (the request rows by the store's row id, with their request ids).
/// </summary>
public interface ISourceRecordReader
{
    /// <summary>The records asked for; keys with no stored row are left out (never invented).</summary>
    Task<SourceRecords> ReadAsync(SourceRecordRequest request, CancellationToken ct);
}
