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

    /// <summary>
    /// Optional work on a batch that needs no store state (encoding, hashing), which the ingest pipeline runs
    /// on its reading thread before handing the batch to <see cref="WriteBatchAsync"/>, so that it overlaps
    /// the previous batch's write instead of adding to it. The pipeline puts the result in
    /// <see cref="IngestBatch.Prepared"/>; only the store that made it reads it (its own subclass of
    /// <see cref="PreparedBatch"/>, for that very batch), and <see cref="WriteBatchAsync"/> disposes it.
    /// <see cref="WriteBatchAsync"/> must still accept a batch that was never prepared (or prepared by another
    /// store). Thread-safe. The default prepares nothing.
    /// </summary>
    PreparedBatch? PrepareBatch(IngestBatch batch) => null;

    /// <summary>
    /// Brings what the store derives from the batches (summed aggregates a store may hold back to write them in bulk)
    /// up to date with every batch written, so that readers in other processes see them. Every ingest ends with it;
    /// a long-lived writer such as <c>distill watch</c> therefore leaves nothing behind between two batches. Cheap when
    /// nothing is pending.
    /// </summary>
    Task CompleteAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Counts of every record type and of runs and clusters.</summary>
    Task<StoreStats> GetStatsAsync(CancellationToken ct);
}
