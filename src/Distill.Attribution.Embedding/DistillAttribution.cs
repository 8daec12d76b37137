using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Detection.DetectClusters;
using Distill.Attribution.Application.Ingestion.IngestFiles;
using Distill.Attribution.Application.Ingestion.IngestRecords;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Detection;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Embedding;

/// <summary>The facade over the dispatcher and the stores; each call runs in its own service scope.</summary>
internal sealed class DistillAttribution(IServiceScopeFactory scopes, IIngestStore store, IRunStore runs) : IDistillAttribution
{
    private readonly Lock _gate = new();
    private Task? _migration;

    public Task<IngestFilesResult> IngestFilesAsync(IEnumerable<string> paths, string rejectsPath, bool strict = false, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentException.ThrowIfNullOrEmpty(rejectsPath);
        return SendAsync(new IngestFilesCommand([.. paths], strict, rejectsPath) { Progress = progress }, cancellationToken);
    }

    public Task<IngestRecordsResult> IngestRecordsAsync(RecordSet records, string source = "in-memory", IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        return SendAsync(new IngestRecordsCommand(records, source) { Progress = progress }, cancellationToken);
    }

    public async Task<DetectionRun> DetectAsync(DetectionParameters? parameters = null, IProgress<DetectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync(new DetectClustersCommand(parameters) { Progress = progress }, cancellationToken).ConfigureAwait(false);
        return result.Run;
    }

    public Task<DetectionRun?> GetLatestRunAsync(CancellationToken cancellationToken = default) => runs.GetLatestRunAsync(cancellationToken);

    public async Task<IReadOnlyList<DetectedCluster>> GetClustersAsync(bool flaggedOnly = true, CancellationToken cancellationToken = default)
    {
        var run = await runs.GetLatestRunAsync(cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return [];
        }

        return [.. run.Clusters
            .Where(c => !flaggedOnly || c.Flagged)
            .OrderByDescending(c => c.RiskScore)
            .ThenBy(c => c.Id, StringComparer.Ordinal)];
    }

    public async Task<DetectedCluster?> GetClusterAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        var run = await runs.GetLatestRunAsync(cancellationToken).ConfigureAwait(false);
        return run?.Clusters.FirstOrDefault(c => string.Equals(c.Id, clusterId, StringComparison.Ordinal));
    }

    public Task<StoreStats> GetStatsAsync(CancellationToken cancellationToken = default) => store.GetStatsAsync(cancellationToken);

    private async Task<TResult> SendAsync<TResult>(IRequest<TResult> request, CancellationToken ct)
    {
        // Once per process: schema statements are idempotent, and the Neo4j store needs them before the first write.
        Task migration;
        lock (_gate)
        {
            migration = _migration ??= store.MigrateAsync(CancellationToken.None);
        }

        await migration.WaitAsync(ct).ConfigureAwait(false);
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request, ct).ConfigureAwait(false);
        }
    }
}
