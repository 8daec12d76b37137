using Distill.Attribution.Application.Cases;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>Investigators' verdicts and operator overrides, append-only (the latest one counts; history stays visible).</summary>
public interface ICaseStore
{
    /// <summary>Saves a verdict (its <see cref="VerdictRecord.Id"/> is ignored) and returns it with the id given.</summary>
    Task<VerdictRecord> AddVerdictAsync(VerdictRecord verdict, CancellationToken ct);

    /// <summary>Verdicts of a cluster, oldest first.</summary>
    Task<IReadOnlyList<VerdictRecord>> GetVerdictsAsync(string clusterId, CancellationToken ct);

    /// <summary>Saves an override (its <see cref="OperatorOverride.Id"/> is ignored) and returns it with the id given.</summary>
    Task<OperatorOverride> AddOverrideAsync(OperatorOverride change, CancellationToken ct);

    /// <summary>Overrides of a cluster, oldest first.</summary>
    Task<IReadOnlyList<OperatorOverride>> GetOverridesAsync(string clusterId, CancellationToken ct);

    /// <summary>The latest override of every cluster that has one.</summary>
    Task<IReadOnlyDictionary<string, OperatorOverride>> GetLatestOverridesAsync(CancellationToken ct);
}
