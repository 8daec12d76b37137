using Distill.Attribution.Application.Ingestion.Reading;

namespace Distill.Attribution.Application.Ingestion.IngestFiles;

/// <summary>Tuning of <see cref="IngestFilesHandler"/>.</summary>
public sealed record IngestOptions
{
    /// <summary>Rows per request batch: one store transaction each; large enough to amortise the commit.</summary>
    public int RequestBatchSize { get; init; } = 50_000;

    /// <summary>Rows per batch of the other kinds (smaller rows, smaller files).</summary>
    public int BatchSize { get; init; } = 10_000;

    /// <summary>
    /// Batches parsed ahead of the store. Two keep both cores busy (one parses, one writes) while
    /// bounding memory to a few batches.
    /// </summary>
    public int PipelineDepth { get; init; } = 2;

    /// <summary>How often (rows) progress is reported.</summary>
    public int ProgressEveryRows { get; init; } = 65_536;

    public ReaderOptions Reader { get; init; } = new();
}
