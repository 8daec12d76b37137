using Distill.Attribution.Application.Cases;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Clusters;

/// <summary>
/// A cluster as the investigator sees it: the detector's result, the run it comes from and the operator override
/// in force, if any (the detector's attribution stays in <see cref="DetectedCluster.Operator"/>).
/// </summary>
public sealed record ClusterView(DetectedCluster Cluster, RunView Run, OperatorOverride? Override)
{
    public string Id => Cluster.Id;

    /// <summary>The operator in force: the latest override's, else the detector's.</summary>
    public string? EffectiveOperatorId => Override?.OperatorId ?? Cluster.Operator?.OperatorId;

    public ClusterIndex Index => Run.IndexOf(Cluster);
}
