using Distill.Attribution.Application.Live;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// Alerts in the order they were raised or updated by a run, by the store's change number: how a server notices alerts
/// that another process (distill watch / replay) wrote. Acknowledging or resolving an alert is not a change here.
/// </summary>
public interface IAlertChanges
{
    /// <summary>The latest change number (0 when there are no alerts).</summary>
    Task<long> GetLatestChangeAsync(CancellationToken ct);

    /// <summary>Up to <paramref name="max"/> alerts changed after <paramref name="after"/>, oldest change first.</summary>
    Task<IReadOnlyList<AlertChangeEntry>> ReadAfterAsync(long after, int max, CancellationToken ct);
}
