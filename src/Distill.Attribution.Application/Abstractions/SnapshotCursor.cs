using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// A snapshot read for live mode (<see cref="ISnapshotSource.LoadSnapshotSinceAsync"/>), with what the store needs to
/// read only what it gains after it. The caller keeps the latest cursor and hands it back for the next batch; a store
/// keeps its own bookkeeping in a subclass. A cursor is for the store that made it.
/// </summary>
public abstract class SnapshotCursor
{
    protected SnapshotCursor(DetectionSnapshot snapshot, TimeSpan? window, bool full, string how)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(how);
        Snapshot = snapshot;
        Window = window;
        Full = full;
        How = how;
    }

    /// <summary>The store's snapshot cut to <see cref="Window"/>, exactly as a full read then the cut would give it.</summary>
    public DetectionSnapshot Snapshot { get; }

    /// <summary>The sliding window of requests it was cut to; null: the whole store.</summary>
    public TimeSpan? Window { get; }

    /// <summary>Whether the store was read in full (the first read, or a change a delta cannot express: <see cref="How"/> says which).</summary>
    public bool Full { get; }

    /// <summary>How it was read, for the batch's summary line: "delta: +15,234 requests, +3 accounts" or "full read: why".</summary>
    public string How { get; }
}
