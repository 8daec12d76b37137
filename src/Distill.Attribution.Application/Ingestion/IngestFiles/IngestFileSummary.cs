using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Ingestion.IngestFiles;

/// <summary>What happened to one input file.</summary>
/// <param name="Path">The file, as found from the paths given.</param>
/// <param name="Kind">Its record kind (from its name).</param>
/// <param name="Read">Rows read (blank lines and the header excluded).</param>
/// <param name="Accepted">Rows that passed validation and were sent to the store.</param>
/// <param name="New">Rows the store did not hold yet (accepted minus duplicates).</param>
/// <param name="Rejected">Rows that failed validation (each is in the rejects report).</param>
/// <param name="Warnings">Warnings about the file (unknown columns, empty file).</param>
/// <param name="Error">A file-level error (bad header, truncated gzip), or null.</param>
/// <param name="Aborted">Whether nothing of the file was kept (<c>--strict</c> with a rejection, or a file-level error in strict mode).</param>
public sealed record IngestFileSummary(
    string Path,
    RecordKind Kind,
    long Read,
    long Accepted,
    long New,
    long Rejected,
    int Warnings,
    string? Error,
    bool Aborted);
