using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Application.Telemetry;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Detection.DetectClusters;

/// <summary>Makes a new versioned run: load the snapshot, detect, give clusters stable ids, save.</summary>
public sealed record DetectClustersCommand(DetectionParameters? Parameters = null) : IRequest<DetectClustersResult>, IRequireRight
{
    public AccessRight RequiredRight => AccessRight.RunDetection;

    /// <summary>Told each phase (snapshot, index, views, projection, clustering, scoring, lineage, save) as it ends; optional.</summary>
    public IProgress<DetectionProgress>? Progress { get; init; }

    /// <summary>A run the caller holds (live mode: the one the previous batch saved), used as the previous run for
    /// lineage when the store's latest run has its id; otherwise the latest run is read back. It needs clusters, members,
    /// flags and the next cluster number, not evidence trees.</summary>
    public DetectionRun? HeldRun { get; init; }

    /// <summary>Compact the heap between the detector's phases on large snapshots (<see cref="DetectionRunOptions.CompactBetweenPhases"/>): for a process that runs this command alone.</summary>
    public bool CompactBetweenPhases { get; init; }
}

/// <summary>The saved run and how long detection took.</summary>
public sealed record DetectClustersResult(DetectionRun Run, TimeSpan Elapsed);

/// <summary>Handles <see cref="DetectClustersCommand"/>. The clustering step is injected (Leiden in the hosts).</summary>
public sealed class DetectClustersHandler(ISnapshotSource snapshots, IRunStore runs, ClusteringStep clustering, TimeProvider clock)
    : IRequestHandler<DetectClustersCommand, DetectClustersResult>
{
    /// <summary>Version of the detection code recorded with every run.</summary>
    public static string CodeVersion { get; } =
        typeof(ClusterDetector).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ClusterDetector).Assembly.GetName().Version?.ToString() ?? "unknown";

    public async Task<DetectClustersResult> Handle(DetectClustersCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var started = clock.GetTimestamp();
        using var activity = AttributionTelemetry.Source.StartActivity("detect");
        var parameters = command.Parameters ?? new DetectionParameters();
        DetectionSnapshot snapshot;
        using (Phase("snapshot", command.Progress))
        {
            snapshot = await snapshots.LoadSnapshotAsync(null, ct);
        }

        var detectStarted = DateTime.UtcNow;
        var outcome = ClusterDetector.Detect(snapshot, parameters, clustering, new DetectionRunOptions
        {
            CompactBetweenPhases = command.CompactBetweenPhases,
            ScoringThreads = Environment.ProcessorCount,
            OverlapPhases = Environment.ProcessorCount > 1,
        }, ct);
        RecordDetectorPhases(detectStarted, outcome.Stats, command.Progress);
        // Lineage: the previous run read back, stable ids given, and the request ids of the cited records resolved.
        RunMembership? previous;
        IReadOnlyList<DetectedCluster> clusters;
        int next;
        using (Phase("lineage", command.Progress))
        {
            previous = command.HeldRun is { } held && string.Equals(await runs.GetLatestRunIdAsync(ct), held.RunId, StringComparison.Ordinal)
                ? RunMembership.Of(held)
                : await runs.GetLatestMembershipAsync(ct);
            (clusters, next) = ClusterLineageTracker.Assign(outcome.Clusters, previous, parameters);
            clusters = await ResolveRequestIdsAsync(clusters, ct);
        }

        var operators = snapshot.Indicators.Select(i => i.OperatorId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var run = new DetectionRun
        {
            RunId = NextRunId(previous?.RunId),
            CreatedAt = clock.GetUtcNow(),
            Parameters = parameters,
            ParametersHash = parameters.ComputeHash(),
            InputHash = snapshot.InputHash,
            CodeVersion = CodeVersion,
            MembershipHash = MembershipHash.Compute(clusters),
            KnownOperators = operators,
            Clusters = clusters,
            NextClusterNumber = next,
            Stats = outcome.Stats,
        };
        using (Phase("save", command.Progress))
        {
            await runs.SaveRunAsync(run, ct);
        }

        AttributionTelemetry.ClustersFlagged.Add(outcome.Stats.FlaggedCount);
        activity?.SetTag("distill.run.id", run.RunId);
        activity?.SetTag("distill.detection.clusters", outcome.Stats.ClusterCount);
        activity?.SetTag("distill.detection.flagged", outcome.Stats.FlaggedCount);
        return new DetectClustersResult(run, clock.GetElapsedTime(started));
    }

    /// <summary>A span and a duration sample for one phase the handler runs itself.</summary>
    private static PhaseScope Phase(string name, IProgress<DetectionProgress>? progress) =>
        new(name, AttributionTelemetry.Source.StartActivity("detect." + name), progress);

    /// <summary>
    /// The detector times its own phases (index, views, projection, clustering, scoring) without knowing of
    /// tracing; each becomes a span placed by its measured start and length, and a duration sample.
    /// </summary>
    private static void RecordDetectorPhases(DateTime started, DetectionStats stats, IProgress<DetectionProgress>? progress)
    {
        var at = started;
        foreach (var (name, seconds) in stats.PhaseSeconds)
        {
            AttributionTelemetry.PhaseDuration.Record(seconds, AttributionTelemetry.Tag("distill.detection.phase", name));
            var end = at + TimeSpan.FromSeconds(seconds);
            using (var phase = AttributionTelemetry.Source.StartActivity("detect." + name, ActivityKind.Internal, default(ActivityContext), null, null, new DateTimeOffset(at)))
            {
                phase?.SetEndTime(end);
            }

            at = end;
            progress?.Report(new DetectionProgress(name, TimeSpan.FromSeconds(seconds)));
        }
    }

    private readonly struct PhaseScope(string name, Activity? activity, IProgress<DetectionProgress>? progress) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        public void Dispose()
        {
            var elapsed = Stopwatch.GetElapsedTime(_started);
            AttributionTelemetry.PhaseDuration.Record(elapsed.TotalSeconds, AttributionTelemetry.Tag("distill.detection.phase", name));
            activity?.Dispose();
            progress?.Report(new DetectionProgress(name, elapsed));
        }
    }

    /// <summary><c>run-0001</c> for the first run, then one more than the latest.</summary>
    public static string NextRunId(DetectionRun? previous) => NextRunId(previous?.RunId);

    private static string NextRunId(string? previous)
    {
        var number = 0;
        if (previous is not null && previous.StartsWith("run-", StringComparison.Ordinal))
        {
            _ = int.TryParse(previous.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out number);
        }

        return $"run-{number + 1:D4}";
    }

    /// <summary>Evidence carries store row keys of requests; provenance shows the source request ids.</summary>
    private async Task<IReadOnlyList<DetectedCluster>> ResolveRequestIdsAsync(IReadOnlyList<DetectedCluster> clusters, CancellationToken ct)
    {
        var rowIds = clusters
            .Where(c => c.Evidence is not null)
            .SelectMany(c => c.Evidence!.Steps).SelectMany(s => s.Links).SelectMany(l => l.Records)
            .Where(r => r.RequestRowId is not null).Select(r => r.RequestRowId!.Value)
            .ToHashSet();
        if (rowIds.Count == 0)
        {
            return clusters;
        }

        var ids = await snapshots.ResolveRequestIdsAsync(rowIds, ct);
        ProvenanceRecord Resolve(ProvenanceRecord r) =>
            r.RequestRowId is { } row && ids.TryGetValue(row, out var id) ? r with { RequestId = id } : r;
        return clusters.Select(c => c.Evidence is null ? c : c with
        {
            Evidence = c.Evidence with
            {
                Steps = c.Evidence.Steps.Select(s => s with
                {
                    Links = s.Links.Select(l => l with { Records = l.Records.Select(Resolve).ToArray() }).ToArray(),
                }).ToArray(),
            },
        }).ToArray();
    }
}
