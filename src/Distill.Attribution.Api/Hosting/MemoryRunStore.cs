using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Api.Hosting;

/// <summary>
/// The run store used only when no persistent one is registered (before the SQLite run store is merged): runs made
/// through <c>runDetection</c> live as long as the process. The host logs a warning when it falls back to it.
/// </summary>
internal sealed class MemoryRunStore : IRunStore
{
    private readonly List<DetectionRun> _runs = [];
    private readonly Lock _gate = new();

    public Task<DetectionRun?> GetLatestRunAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_runs.Count == 0 ? null : _runs[^1]);
        }
    }

    public Task<DetectionRun?> GetRunAsync(string runId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_runs.Find(r => r.RunId == runId));
        }
    }

    public Task SaveRunAsync(DetectionRun run, CancellationToken ct)
    {
        lock (_gate)
        {
            _runs.Add(run);
        }

        return Task.CompletedTask;
    }
}
