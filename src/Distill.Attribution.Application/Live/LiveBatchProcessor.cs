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
        var previous = lastAlerted is null ? null
            : _lastAlerted is { } held && string.Equals(held.RunId, lastAlerted, StringComparison.Ordinal) ? held
            : await runs.GetRunAsync(lastAlerted, ct).ConfigureAwait(false);
        var loadedPrevious = Stopwatch.GetElapsedTime(started);
        var use = new ModelUse(snapshot, options.Alerts.PivotWindow);
        var candidates = AlertRules.Compare(previous, run, snapshot.Releases, observedAt, use.Find, options.Alerts);
        var compared = Stopwatch.GetElapsedTime(started);
        var known = await alerts.GetAlertsForMatchingAsync(ct).ConfigureAwait(false);
        var loadedKnown = Stopwatch.GetElapsedTime(started);
        var changes = AlertBook.Apply(known, candidates, run.RunId, clock.GetUtcNow(), observedAt, options.Alerts);
        var saved = await alerts.SaveAsync(run.RunId, changes, ct).ConfigureAwait(false);
        _lastAlerted = run with { Clusters = [.. run.Clusters.Select(c => c with { Evidence = null, CounterEvidence = [] })] };
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
