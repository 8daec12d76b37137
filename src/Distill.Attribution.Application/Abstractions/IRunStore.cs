using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>Where detection runs are kept: each run whole (parameters, hashes, clusters, evidence).</summary>
public interface IRunStore
{
    /// <summary>The most recent run, or null when none was made.</summary>
    Task<DetectionRun?> GetLatestRunAsync(CancellationToken ct);

    /// <summary>A run by id, or null.</summary>
    Task<DetectionRun?> GetRunAsync(string runId, CancellationToken ct);

    /// <summary>Saves a new run atomically; it becomes the latest.</summary>
    Task SaveRunAsync(DetectionRun run, CancellationToken ct);
}
