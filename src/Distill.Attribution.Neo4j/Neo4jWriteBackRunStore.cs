using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Runs;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// The run store of a deployment whose graph lives in Neo4j: runs are saved in the service's own store
/// first (SQLite: the source of truth for run ids, lineage and everything the API and packs read), then
/// projected into Neo4j (<see cref="Neo4jRunWriter"/>, one transaction per run) so investigators can browse
/// the clusters in Neo4j Browser or Bloom. Reads go to the inner store only.
/// </summary>
public sealed class Neo4jWriteBackRunStore : IRunStore
{
    private readonly IRunStore inner;
    private readonly Neo4jRunWriter writer;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="writer"/> comes from <see cref="Neo4jGraphStore.Runs"/>.</summary>
    public Neo4jWriteBackRunStore(IRunStore inner, Neo4jRunWriter writer)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(writer);
        this.inner = inner;
        this.writer = writer;
    }

    public Task<DetectionRun?> GetLatestRunAsync(CancellationToken ct) => inner.GetLatestRunAsync(ct);

    public Task<DetectionRun?> GetRunAsync(string runId, CancellationToken ct) => inner.GetRunAsync(runId, ct);

    // The cheap reads the run cache, the runs list and lineage use: forwarded, or the interface's defaults would load
    // whole runs.
    public Task<string?> GetLatestRunIdAsync(CancellationToken ct) => inner.GetLatestRunIdAsync(ct);

    public Task<RunMembership?> GetLatestMembershipAsync(CancellationToken ct) => inner.GetLatestMembershipAsync(ct);

    public Task<Page<RunSummary>?> ListRunSummariesAsync(int first, int offset, CancellationToken ct) =>
        inner.ListRunSummariesAsync(first, offset, ct);

    /// <summary>
    /// Saves the run in the inner store, then writes it back to Neo4j. Should the write-back fail, the Neo4j
    /// transaction is rolled back (no half run in the graph) and a <see cref="Neo4jWriteBackException"/> says
    /// that the run itself was saved.
    /// </summary>
    public async Task SaveRunAsync(DetectionRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        await inner.SaveRunAsync(run, ct);
        try
        {
            await writer.WriteRunAsync(run, ct);
        }
        catch (Exception e) when (e is Neo4jException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw Neo4jWriteBackException.ForRun(run.RunId, e);
        }
    }
}
