namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// What a store computed for one <see cref="IngestBatch"/> ahead of writing it (<see cref="IIngestStore.PrepareBatch"/>):
/// each store derives its own type and is the only reader of it. It remembers the batch it was computed from, so a
/// store can tell it is handed its own preparation of that very batch and ignore anything else. The store that made
/// it releases what it holds (pooled buffers) when the batch is written; <see cref="Dispose()"/> is idempotent.
/// </summary>
public abstract class PreparedBatch : IDisposable
{
    protected PreparedBatch(IngestBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Batch = batch;
    }

    /// <summary>The batch this was computed from.</summary>
    public IngestBatch Batch { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the preparation holds; may be called more than once, so an implementation releases only the first time.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
