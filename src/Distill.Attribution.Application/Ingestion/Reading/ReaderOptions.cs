namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>Limits of the readers.</summary>
public sealed record ReaderOptions
{
    /// <summary>
    /// The longest row kept (bytes). A longer row is skipped to its end and rejected, so one
    /// pathological line costs at most this much memory. No contract field comes near 1 MiB.
    /// </summary>
    public int MaxRowBytes { get; init; } = 1 << 20;

    /// <summary>The starting size of the read buffer; it grows only for rows that do not fit.</summary>
    public int InitialBufferBytes { get; init; } = 1 << 16;
}
