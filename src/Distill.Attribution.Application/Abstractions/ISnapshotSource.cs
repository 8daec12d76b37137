using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>The projection side of a graph store: what detection reads, and provenance look-ups.</summary>
public interface ISnapshotSource
{
    /// <summary>Reads the whole store into compact columns. <paramref name="progress"/> gets rows read so far.</summary>
    Task<DetectionSnapshot> LoadSnapshotAsync(IProgress<long>? progress, CancellationToken ct);

    /// <summary>Resolves request row keys (<see cref="DetectionSnapshot.RequestRowId"/>) to the source request ids.</summary>
    Task<IReadOnlyDictionary<long, string>> ResolveRequestIdsAsync(IReadOnlyCollection<long> rowIds, CancellationToken ct);

    /// <summary>
    /// Live mode: the snapshot <see cref="LoadSnapshotAsync"/> would read now, cut to <paramref name="window"/> the way
    /// <c>SnapshotWindow.Cut</c> cuts it (column for column the same), built from <paramref name="previous"/> (null: read
    /// everything) and only what the store gained since it was read. Where the store changed in a way a delta cannot
    /// express, the store reads everything and says why in <see cref="SnapshotCursor.How"/>.
    /// <para>
    /// What a delta relies on, and a store that offers one must keep (pinned by the store contract tests): request rows are
    /// insert-only and their row keys (<see cref="DetectionSnapshot.RequestRowId"/>) grow with commit order, so that
    /// <b>every request row with a key greater than the largest key a read saw was committed after that read</b>; stored
    /// rows are never deleted; dictionary ids, once given, keep naming the same string. A store that cannot read deltas
    /// throws <see cref="NotSupportedException"/> (the default) and the caller reads in full.
    /// </para>
    /// </summary>
    Task<SnapshotCursor> LoadSnapshotSinceAsync(SnapshotCursor? previous, TimeSpan? window, CancellationToken ct) =>
        throw new NotSupportedException("This store reads no deltas; read the whole snapshot.");
}
