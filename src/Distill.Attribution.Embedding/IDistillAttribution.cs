using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Detection.DetectClusters;
using Distill.Attribution.Application.Ingestion.IngestFiles;
using Distill.Attribution.Application.Ingestion.IngestRecords;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Embedding;

/// <summary>
/// The three things a tool does with the library: ingest (files or records it already holds), run detection,
/// read clusters with their operator and evidence. Every call can be cancelled; long ones report progress.
/// Registered by <see cref="DependencyInjection.AddDistillAttribution(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{DistillAttributionOptions}?)"/>.
/// </summary>
public interface IDistillAttribution
{
    /// <summary>
    /// Validates and loads contract files and directories (docs/data-contract.md), like <c>distill ingest</c>.
    /// Rejected rows go to <paramref name="rejectsPath"/> (JSON Lines) and are counted in the result.
    /// </summary>
    Task<IngestFilesResult> IngestFilesAsync(
        IEnumerable<string> paths,
        string rejectsPath,
        bool strict = false,
        IProgress<IngestProgress>? progress = null,
        CancellationToken cancellationToken = default);

    /// <summary>Validates and loads in-memory records with the same rules as files; rejects are returned, not written.</summary>
    Task<IngestRecordsResult> IngestRecordsAsync(
        RecordSet records,
        string source = "in-memory",
        IProgress<IngestProgress>? progress = null,
        CancellationToken cancellationToken = default);

    /// <summary>Runs detection over everything ingested so far and saves a new run (like <c>distill detect</c>).</summary>
    Task<DetectionRun> DetectAsync(
        DetectionParameters? parameters = null,
        IProgress<DetectionProgress>? progress = null,
        CancellationToken cancellationToken = default);

    /// <summary>The latest run, or null before the first detection.</summary>
    Task<DetectionRun?> GetLatestRunAsync(CancellationToken cancellationToken = default);

    /// <summary>The clusters of the latest run (flagged ones only unless <paramref name="flaggedOnly"/> is false), highest risk first.</summary>
    Task<IReadOnlyList<DetectedCluster>> GetClustersAsync(bool flaggedOnly = true, CancellationToken cancellationToken = default);

    /// <summary>One cluster of the latest run by id (<c>c-0001</c>) with its evidence tree, or null.</summary>
    Task<DetectedCluster?> GetClusterAsync(string clusterId, CancellationToken cancellationToken = default);

    /// <summary>Counts of every record type, runs and clusters in the store.</summary>
    Task<StoreStats> GetStatsAsync(CancellationToken cancellationToken = default);
}
