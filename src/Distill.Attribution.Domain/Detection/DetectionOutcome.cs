namespace Distill.Attribution.Domain.Detection;

/// <summary>The clusters a detection found (ids not yet assigned) and its statistics.</summary>
public sealed record DetectionOutcome(IReadOnlyList<DetectedCluster> Clusters, DetectionStats Stats);
