using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Live;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>Live mode's records: alerts, the run they were last computed from, and the batches already ingested.</summary>
public interface IAlertStore
{
    /// <summary>Open and acknowledged alerts, and the latest resolved alert of each key: what deduplication compares with.</summary>
    Task<IReadOnlyList<LiveAlert>> GetAlertsForMatchingAsync(CancellationToken ct);

    /// <summary>The run the saved alerts were last computed from, or null.</summary>
    Task<string?> GetLastAlertedRunIdAsync(CancellationToken ct);

    /// <summary>
    /// Inserts the new alerts and updates the others, and records <paramref name="runId"/> as the last alerted run, in one
    /// transaction; returns the alerts with their ids.
    /// </summary>
    Task<IReadOnlyList<AlertChange>> SaveAsync(string runId, IReadOnlyList<AlertChange> changes, CancellationToken ct);

    /// <summary>Alerts newest first, optionally of one status.</summary>
    Task<Page<LiveAlert>> ListAsync(AlertStatus? status, int first, int offset, CancellationToken ct);

    Task<LiveAlert?> GetAsync(long id, CancellationToken ct);

    /// <summary>Sets the status of an alert (acknowledge, resolve); null when there is no such alert.</summary>
    Task<LiveAlert?> SetStatusAsync(long id, AlertStatus status, string keyId, DateTimeOffset at, CancellationToken ct);

    /// <summary>Whether a batch of this name and content was already ingested and alerted on.</summary>
    Task<bool> IsBatchDoneAsync(string name, string contentHash, CancellationToken ct);

    /// <summary>Records a batch as done.</summary>
    Task RecordBatchAsync(string name, string contentHash, string? runId, long rows, DateTimeOffset at, CancellationToken ct);
}
