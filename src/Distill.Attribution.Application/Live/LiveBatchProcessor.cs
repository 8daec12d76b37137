using System.Diagnostics;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Detection.DetectClusters;
using Distill.Attribution.Application.Ingestion.IngestFiles;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Live;

/// <summary>
/// One batch of live mode: ingest it (the ordinary ingest use case), re-run detection over the window (the ordinary
/// detection use case over a snapshot kept across batches and brought up to date from the rows the store gained,
/// <see cref="WindowedSnapshotSource"/>; the detection itself is a full run), compare the run with the one the last alerts came from, save
/// the deduplicated alerts and hand them to the sinks. A crash anywhere repeats the batch harmlessly: ingest is
/// idempotent, and alerts and the "last alerted run" are saved in one transaction, so none is lost or raised twice.
/// The run the saved alerts came from is kept for the next batch's comparison; it is read back from the run store only
/// when the store names another last alerted run (the first batch of a process, or another process on the store).
/// Batches are processed one at a time.
/// </summary>
public sealed class LiveBatchProcessor(
    ISender sender,
    IRunStore runs,
    IAlertStore alerts,
    WindowedSnapshotSource snapshots,
    IEnumerable<IAlertSink> sinks,
    TimeProvider clock,
    LiveOptions options,
    IInputFileSystem files)
{
    /// <summary>The run this processor last saved alerts from, without evidence trees and counter-evidence (the comparison
    /// reads ids, members, flags and operators); used while the store still names it as the last alerted run.</summary>
    private DetectionRun? _lastAlerted;

    /// <summary>The run before <see cref="_lastAlerted"/> (slim too), for <see cref="AlertOptions.NewClusterNeedsSecondRun"/>.</summary>
    private DetectionRun? _beforeLastAlerted;

    public async Task<BatchOutcome> ProcessAsync(string batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var started = Stopwatch.GetTimestamp();
        var name = Path.GetFileName(batch);
        var hash = files.ContentHash(batch);
        if (await alerts.IsBatchDoneAsync(name, hash, ct).ConfigureAwait(false))
        {
            return new BatchOutcome(name, true, 0, 0, 0, null, 0, 0, null, [], TimeSpan.Zero, TimeSpan.Zero, Stopwatch.GetElapsedTime(started));
        }

        var ingest = await sender.Send(new IngestFilesCommand([batch], false, options.RejectsPath), ct).ConfigureAwait(false);
        var ingested = Stopwatch.GetElapsedTime(started);
        var phases = new PhaseLog();
        var detect = await sender.Send(new DetectClustersCommand(options.Parameters) { Progress = phases, HeldRun = _lastAlerted }, ct).ConfigureAwait(false);
        var detected = Stopwatch.GetElapsedTime(started);
        var run = detect.Run;
        var snapshot = snapshots.Last ?? throw new InvalidOperationException("Detection ran without reading a snapshot.");
        var observedAt = SnapshotWindow.LatestRequestMs(snapshot) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : clock.GetUtcNow();
        var lastAlerted = await alerts.GetLastAlertedRunIdAsync(ct).ConfigureAwait(false);
        // Run ids are unique in a store (a run is saved once, never changed), so the held run is the one the store names.
        var holding = lastAlerted is not null && _lastAlerted is { } held && string.Equals(held.RunId, lastAlerted, StringComparison.Ordinal);
        var previous = lastAlerted is null ? null
            : holding ? _lastAlerted
            : await runs.GetRunAsync(lastAlerted, ct).ConfigureAwait(false);
        var beforePrevious = !options.Alerts.NewClusterNeedsSecondRun || previous is null ? null
            : holding ? _beforeLastAlerted
            : await RunBeforeAsync(previous.RunId, ct).ConfigureAwait(false);
        var loadedPrevious = Stopwatch.GetElapsedTime(started);
        var use = new ModelUse(snapshot, options.Alerts.PivotWindow);
        var candidates = AlertRules.Compare(previous, run, snapshot.Releases, observedAt, use.Find, options.Alerts, beforePrevious);
        var compared = Stopwatch.GetElapsedTime(started);
        var known = await alerts.GetAlertsForMatchingAsync(ct).ConfigureAwait(false);
        var loadedKnown = Stopwatch.GetElapsedTime(started);
        var changes = AlertBook.Apply(known, candidates, run.RunId, clock.GetUtcNow(), observedAt, options.Alerts);
        var saved = await alerts.SaveAsync(run.RunId, changes, ct).ConfigureAwait(false);
        _beforeLastAlerted = previous is null ? null : Slim(previous);
        _lastAlerted = Slim(run);
        await alerts.RecordBatchAsync(name, hash, run.RunId, ingest.RowsRead, clock.GetUtcNow(), ct).ConfigureAwait(false);
        var savedAt = Stopwatch.GetElapsedTime(started);
        foreach (var sink in sinks)
        {
            sink.Publish(saved);
        }

        return new BatchOutcome(name, false, ingest.RowsRead, ingest.Files.Sum(f => f.New), ingest.Rejected, run.RunId, run.Clusters.Count,
            run.Clusters.Count(c => c.Flagged), observedAt, saved, ingested, detected - ingested, Stopwatch.GetElapsedTime(started))
        {
            FileErrors = ingest.FileErrors + ingest.UsageErrors.Count,
            SnapshotHow = snapshots.LastHow,
            Phases = phases.Phases,
            AlertsElapsed = Stopwatch.GetElapsedTime(started) - detected,
            AlertPhases =
            [
                new("previous run", loadedPrevious - detected),
                new("rules", compared - loadedPrevious),
                new("open alerts", loadedKnown - compared),
                new("save", savedAt - loadedKnown),
                new("sinks", Stopwatch.GetElapsedTime(started) - savedAt),
            ],
        };
    }

    private static DetectionRun Slim(DetectionRun run) =>
        run.Clusters.All(c => c.Evidence is null && c.CounterEvidence.Count == 0) ? run
            : run with { Clusters = [.. run.Clusters.Select(c => c with { Evidence = null, CounterEvidence = [] })] };

    /// <summary>The run the store saved just before <paramref name="runId"/> (in live mode, the previous batch's), or null
    /// when it holds none before it (<paramref name="runId"/> was the first, and told what it flagged) or cannot list runs
    /// (then read the same way: a confirmed cluster may stay untold rather than be told twice).</summary>
    private async Task<DetectionRun?> RunBeforeAsync(string runId, CancellationToken ct)
    {
        const int Page = 64;
        for (var offset = 0; ; offset += Page)
        {
            if (await runs.ListRunSummariesAsync(Page, offset, ct).ConfigureAwait(false) is not { } page || page.Items.Count == 0)
            {
                return null;
            }

            var items = page.Items;
            for (var i = 0; i < items.Count; i++)
            {
                if (string.Equals(items[i].RunId, runId, StringComparison.Ordinal))
                {
                    var next = i + 1 < items.Count ? null : await runs.ListRunSummariesAsync(1, offset + Page, ct).ConfigureAwait(false);
                    var older = i + 1 < items.Count ? items[i + 1].RunId : next is { Items.Count: > 0 } ? next.Items[0].RunId : null;
                    return older is null ? null : Slim(await runs.GetRunAsync(older, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"Run {older} is listed but cannot be read."));
                }
            }

            if (offset + Page >= page.TotalCount)
            {
                return null;
            }
        }
    }

    /// <summary>Detection's phases as it reports them, on the reporting thread.</summary>
    private sealed class PhaseLog : IProgress<DetectionProgress>
    {
        private readonly List<DetectionProgress> _phases = [];

        public IReadOnlyList<DetectionProgress> Phases
        {
            get
            {
                lock (_phases)
                {
                    return [.. _phases];
                }
            }
        }

        public void Report(DetectionProgress value)
        {
            lock (_phases)
            {
                _phases.Add(value);
            }
        }
    }

    /// <summary>When a cluster's members first used a model, and how many used it within the pivot window of its release.</summary>
    internal sealed class ModelUse(DetectionSnapshot snapshot, TimeSpan window)
    {
        private readonly Dictionary<string, int> _account = Index(snapshot.AccountIds);
        private readonly Dictionary<string, int> _model = Index(snapshot.Models);

        public PivotUse? Find(DetectedCluster cluster, ReleaseRecord release)
        {
            if (!_model.TryGetValue(release.Model, out var model))
            {
                return null;
            }

            var released = release.ReleasedAt.ToUnixTimeMilliseconds();
            var until = released + (long)window.TotalMilliseconds;
            long? first = null;
            var within = 0;
            foreach (var member in cluster.Members)
            {
                if (!_account.TryGetValue(member, out var a))
                {
                    continue;
                }

                long? mine = null;
                for (var r = snapshot.RequestOffsets[a]; r < snapshot.RequestOffsets[a + 1]; r++)
                {
                    if (snapshot.RequestModel[r] == model && snapshot.RequestTsMs[r] >= released && (mine is null || snapshot.RequestTsMs[r] < mine))
                    {
                        mine = snapshot.RequestTsMs[r];
                    }
                }

                if (mine is { } t)
                {
                    first = first is null || t < first ? t : first;
                    if (t <= until)
                    {
                        within++;
                    }
                }
            }

            return first is { } f ? new PivotUse(DateTimeOffset.FromUnixTimeMilliseconds(f), within) : null;
        }

        private static Dictionary<string, int> Index(string[] names)
        {
            var index = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
            {
                index.TryAdd(names[i], i);
            }

            return index;
        }
    }
}
