namespace Distill.Attribution.Application.Abstractions;

/// <summary>The write side of a graph store: schema and atomic, idempotent batches.</summary>
public interface IIngestStore
{
    /// <summary>Creates or migrates the schema; safe to call on every start.</summary>
    Task MigrateAsync(CancellationToken ct);

    /// <summary>
    /// Writes one batch in one transaction. Idempotent: rows already present (same request id, same
    /// account/instrument pair, ...) change nothing. Returns how many rows were new.
    /// </summary>
    Task<int> WriteBatchAsync(IngestBatch batch, CancellationToken ct);

    /// <summary>Counts of every record type and of runs and clusters.</summary>
    Task<StoreStats> GetStatsAsync(CancellationToken ct);
}
