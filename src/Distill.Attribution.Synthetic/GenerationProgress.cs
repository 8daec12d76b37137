namespace Distill.Attribution.Synthetic;

/// <summary>Progress of the request phase, reported after each shard is written.</summary>
public readonly record struct GenerationProgress(long RowsWritten, long TotalRows, long BytesWritten);
