using Distill.Attribution.Application.Clusters;

namespace Distill.Attribution.Application.Operators;

/// <summary>A suspected operator: the clusters attributed to it in the latest run (overrides applied) and its best confidence.</summary>
public sealed record OperatorView(string Id, string? Name, IReadOnlyList<ClusterView> Clusters, double? MaxConfidence);
