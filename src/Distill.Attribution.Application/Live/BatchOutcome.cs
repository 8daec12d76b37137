using Distill.Attribution.Application.Detection.DetectClusters;

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

    /// <summary>How detection's snapshot was read: "delta +15,234 requests, ..." or "full read: why" (see <see cref="WindowedSnapshotSource.LastHow"/>).</summary>
    public string? SnapshotHow { get; init; }

    /// <summary>Detection's phases in order (snapshot, index, views, ..., save) with their time; <see cref="Detect"/> is about their sum.</summary>
    public IReadOnlyList<DetectionProgress> Phases { get; init; } = [];

    /// <summary>Comparing the run with the last alerted one, saving the alerts and handing them to the sinks.</summary>
    public TimeSpan AlertsElapsed { get; init; }

    /// <summary>
    /// Where <see cref="AlertsElapsed"/> went: loading the last alerted run, the rules, loading the open alerts to match,
    /// saving (alerts, state and the batch log) and handing them to the sinks.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, TimeSpan>> AlertPhases { get; init; } = [];
}
