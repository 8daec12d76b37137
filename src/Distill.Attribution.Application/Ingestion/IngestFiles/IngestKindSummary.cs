using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Ingestion.IngestFiles;

/// <summary>Totals of one record kind over all files (the summary table's rows).</summary>
public sealed record IngestKindSummary(
    RecordKind Kind,
    int Files,
    long Read,
    long Accepted,
    long New,
    long Rejected,
    int Warnings,
    int FileErrors);
