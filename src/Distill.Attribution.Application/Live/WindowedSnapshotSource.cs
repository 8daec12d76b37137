using System.Diagnostics;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Live;

/// <summary>
/// The snapshot detection reads in live mode: the store's, cut to a sliding window of requests ending at the latest
/// request (<see cref="SnapshotWindow"/>), so that old traffic ages out. Null window: the whole store. By default it
/// keeps the last snapshot and asks the store only for what it gained since (<see cref="ISnapshotSource.LoadSnapshotSinceAsync"/>,
/// decision D23); a store that reads no deltas, or <c>incremental: false</c>, reads in full every time. Either way the
/// snapshot is column for column what a full read then the cut gives. Keeps the last snapshot it handed out for the
/// alert rules (which models a cluster used and when).
/// </summary>
public sealed class WindowedSnapshotSource : ISnapshotSource
{
    private readonly ISnapshotSource inner;
    private readonly TimeSpan? window;
    private readonly bool incremental;
    private SnapshotCursor? _cursor;
    private bool _deltas;

    public WindowedSnapshotSource(ISnapshotSource inner, TimeSpan? window, bool incremental = true)
    {
        this.inner = inner;
        this.window = window;
        this.incremental = incremental;
        _deltas = incremental;
    }

    /// <summary>The snapshot of the latest detection, or null before the first.</summary>
    public DetectionSnapshot? Last { get; private set; }

    /// <summary>How the latest snapshot was read ("delta +15,234 requests, ..." or "full read: why"), or null before the first.</summary>
    public string? LastHow { get; private set; }

    /// <summary>How long reading the latest snapshot took (the store's read, the merge and the cut).</summary>
    public TimeSpan LastElapsed { get; private set; }

    /// <summary>
    /// When set, every delta is checked against a full read then the cut, and a difference throws (<c>replay --check-snapshots</c>):
    /// slow, for tests and measurement only.
    /// </summary>
    public bool CheckDeltas { get; init; }

    public async Task<DetectionSnapshot> LoadSnapshotAsync(IProgress<long>? progress, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        if (_deltas && await TryLoadDeltaAsync(started, progress, ct).ConfigureAwait(false))
        {
            return Last!;
        }

        Last = await ReadFullAsync(progress, ct).ConfigureAwait(false);
        LastHow = incremental ? "full read: the store reads no deltas" : "full read (incremental reads off)";
        LastElapsed = Stopwatch.GetElapsedTime(started);
        return Last;
    }

    /// <summary>Reads through the store's cursor; false when the store reads no deltas (then every read is full).</summary>
    private async Task<bool> TryLoadDeltaAsync(long started, IProgress<long>? progress, CancellationToken ct)
    {
        SnapshotCursor cursor;
        string? failed = null;
        try
        {
            cursor = await inner.LoadSnapshotSinceAsync(_cursor, window, ct).ConfigureAwait(false);
        }
        catch (NotSupportedException)
        {
            _deltas = false;
            _cursor = null;
            return false;
        }
        catch (Exception e) when (_cursor is not null && e is not OperationCanceledException)
        {
            // A delta that fails (a bug, a store in a state the merge does not expect) must not stop live mode:
            // read everything afresh, and say so on the batch's line.
            _cursor = null;
            failed = $"full read: the delta failed ({e.GetType().Name}: {e.Message})";
            cursor = await inner.LoadSnapshotSinceAsync(null, window, ct).ConfigureAwait(false);
        }

        _cursor = cursor;
        Last = cursor.Snapshot;
        LastHow = failed ?? cursor.How;
        LastElapsed = Stopwatch.GetElapsedTime(started);
        if (CheckDeltas && !cursor.Full)
        {
            var whole = await ReadFullAsync(progress, ct).ConfigureAwait(false);
            if (SnapshotComparer.Differences(whole, Last) is { Count: > 0 } differences)
            {
                throw new InvalidOperationException($"The snapshot built from deltas differs from a full read: {string.Join("; ", differences)}");
            }

            LastHow += " (checked against a full read: equal)";
        }

        return true;
    }

    public Task<IReadOnlyDictionary<long, string>> ResolveRequestIdsAsync(IReadOnlyCollection<long> rowIds, CancellationToken ct) =>
        inner.ResolveRequestIdsAsync(rowIds, ct);

    private async Task<DetectionSnapshot> ReadFullAsync(IProgress<long>? progress, CancellationToken ct)
    {
        var whole = await inner.LoadSnapshotAsync(progress, ct).ConfigureAwait(false);
        return window is { } w ? SnapshotWindow.Cut(whole, w) : whole;
    }
}
