using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>The projection side of a graph store: what detection reads, and provenance look-ups.</summary>
public interface ISnapshotSource
{
    /// <summary>Reads the whole store into compact columns. <paramref name="progress"/> gets rows read so far.</summary>
    Task<DetectionSnapshot> LoadSnapshotAsync(IProgress<long>? progress, CancellationToken ct);

    /// <summary>Resolves request row keys (<see cref="DetectionSnapshot.RequestRowId"/>) to the source request ids.</summary>
    Task<IReadOnlyDictionary<long, string>> ResolveRequestIdsAsync(IReadOnlyCollection<long> rowIds, CancellationToken ct);
}
