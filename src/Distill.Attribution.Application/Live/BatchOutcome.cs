namespace Distill.Attribution.Application.Live;

/// <summary>What one batch did: rows, the run, alerts and where the time went.</summary>
public sealed record BatchOutcome(
    string Name,
    bool AlreadyDone,
    long RowsRead,
    long RowsNew,
    long Rejected,
    string? RunId,
    int Clusters,
    int Flagged,
    DateTimeOffset? ObservedAt,
    IReadOnlyList<AlertChange> Alerts,
    TimeSpan Ingest,
    TimeSpan Detect,
    TimeSpan Total)
{
    /// <summary>Files of the batch that could not be read at all (unrecognised names, bad headers); their rows are not in the store.</summary>
    public int FileErrors { get; init; }
}
