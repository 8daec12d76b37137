namespace Distill.Attribution.Application.Ingestion.IngestFiles;

/// <summary>Progress of an ingest, by bytes of input read (for an ETA) and by rows.</summary>
public readonly record struct IngestProgress(
    string CurrentFile,
    long BytesRead,
    long BytesTotal,
    long RowsRead,
    long RowsRejected,
    TimeSpan Elapsed);
