using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Runs;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>Where detection runs are kept: each run whole (parameters, hashes, clusters, evidence).</summary>
public interface IRunStore
{
    /// <summary>The most recent run, or null when none was made.</summary>
    Task<DetectionRun?> GetLatestRunAsync(CancellationToken ct);

    /// <summary>A run by id, or null.</summary>
    Task<DetectionRun?> GetRunAsync(string runId, CancellationToken ct);

    /// <summary>Saves a new run atomically; it becomes the latest.</summary>
    Task SaveRunAsync(DetectionRun run, CancellationToken ct);

    /// <summary>
    /// Id of the most recent run, or null. A store should answer without reading clusters: the API's run cache asks
    /// it about once a second to see runs saved by another process. The default loads the latest run.
    /// </summary>
    async Task<string?> GetLatestRunIdAsync(CancellationToken ct) => (await GetLatestRunAsync(ct).ConfigureAwait(false))?.RunId;

    /// <summary>
    /// The most recent run's membership (its id, next cluster number, and each cluster's id and members in the run's
    /// order), or null when none was made: all that lineage needs. A store should answer without reading the clusters'
    /// evidence (at scale 10 the whole run is over a gigabyte of detail). The default loads the latest run.
    /// </summary>
    async Task<RunMembership?> GetLatestMembershipAsync(CancellationToken ct) =>
        await GetLatestRunAsync(ct).ConfigureAwait(false) is { } run ? RunMembership.Of(run) : null;

    /// <summary>
    /// Runs newest first, without their clusters, and how many runs there are; null when the store cannot list runs
    /// in one query (the caller then loads them by id). The default is null.
    /// </summary>
    Task<Page<RunSummary>?> ListRunSummariesAsync(int first, int offset, CancellationToken ct) => Task.FromResult<Page<RunSummary>?>(null);
}
