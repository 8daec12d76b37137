using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Graph.Community;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>Runs detection with connected components as the clustering step (Leiden is wired in by the host).</summary>
internal static class Detect
{
    public static DetectionOutcome Run(DetectionSnapshot snapshot, DetectionParameters? parameters = null) =>
        ClusterDetector.Detect(snapshot, parameters ?? new DetectionParameters(), (graph, _, _) => ConnectedComponents.Compute(graph));

    public static DetectedCluster? ClusterOf(this DetectionOutcome outcome, string account) =>
        outcome.Clusters.FirstOrDefault(c => c.Members.Contains(account));
}
