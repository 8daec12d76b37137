using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Testing;

/// <summary>An <see cref="ISnapshotSource"/> that serves a hand-built snapshot; request row <c>n</c> resolves to <c>req-n</c>.</summary>
public sealed class FixedSnapshotSource(DetectionSnapshot snapshot) : ISnapshotSource
{
    public DetectionSnapshot Snapshot { get; set; } = snapshot;

    public Task<DetectionSnapshot> LoadSnapshotAsync(IProgress<long>? progress, CancellationToken ct) => Task.FromResult(Snapshot);

    public Task<IReadOnlyDictionary<long, string>> ResolveRequestIdsAsync(IReadOnlyCollection<long> rowIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<long, string>>(rowIds.ToDictionary(r => r, r => $"req-{r}"));
}
