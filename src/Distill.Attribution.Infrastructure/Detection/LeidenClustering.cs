using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Graph.Community;
using Distill.Attribution.Graph.Csr;

namespace Distill.Attribution.Infrastructure.Detection;

/// <summary>
/// The production clustering step: Leiden on the evidence graph with the quality function, resolution and
/// seed the run's <see cref="DetectionParameters"/> record (so a run can be reproduced from its parameters).
/// </summary>
public static class LeidenClustering
{
    /// <summary>The step to hand to <c>DetectClustersHandler</c>.</summary>
    public static ClusteringStep Step { get; } = Cluster;

    /// <summary>Leiden options derived from <paramref name="parameters"/>.</summary>
    public static LeidenOptions OptionsOf(DetectionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var quality = parameters.ClusteringQuality switch
        {
            "cpm" => LeidenQuality.Cpm,
            "modularity" => LeidenQuality.Modularity,
            _ => throw new ArgumentException($"Unknown clustering quality '{parameters.ClusteringQuality}' (cpm or modularity).", nameof(parameters)),
        };
        return new LeidenOptions
        {
            Quality = quality,
            Resolution = parameters.ClusteringResolution,
            Seed = (ulong)parameters.ClusteringSeed,
        };
    }

    private static int[] Cluster(CsrGraph graph, DetectionParameters parameters, CancellationToken cancellationToken) =>
        Leiden.Run(graph, OptionsOf(parameters), cancellationToken).Membership;
}
