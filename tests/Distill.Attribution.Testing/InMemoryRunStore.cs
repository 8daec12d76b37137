using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Testing;

/// <summary>An <see cref="IRunStore"/> in memory, for tests.</summary>
public sealed class InMemoryRunStore : IRunStore
{
    private readonly List<DetectionRun> _runs = [];

    public IReadOnlyList<DetectionRun> Runs => _runs;

    public Task<DetectionRun?> GetLatestRunAsync(CancellationToken ct) => Task.FromResult(_runs.Count == 0 ? null : _runs[^1]);

    public Task<DetectionRun?> GetRunAsync(string runId, CancellationToken ct) =>
        Task.FromResult(_runs.FirstOrDefault(r => string.Equals(r.RunId, runId, StringComparison.Ordinal)));

    public Task SaveRunAsync(DetectionRun run, CancellationToken ct)
    {
        _runs.Add(run);
        return Task.CompletedTask;
    }
}
